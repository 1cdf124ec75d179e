package org.userresolver.cli;

import java.lang.module.ModuleDescriptor;
import java.util.Optional;

/** The command's version: the jar manifest's {@code Implementation-Version}, else "dev". */
final class Version {

  private Version() {}

  /**
   * Returns the version: from the jar manifest on the class path, from the module descriptor
   * on the module path, else {@code dev} (classes run from a build directory).
   */
  static String current() {
    String version = Main.class.getPackage().getImplementationVersion();
    if (version != null && !version.isBlank()) {
      return version;
    }
    return Optional.ofNullable(Main.class.getModule().getDescriptor())
        .flatMap(ModuleDescriptor::rawVersion)
        .orElse("dev");
  }
}
