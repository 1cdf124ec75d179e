package org.userresolver.cli;

import java.lang.module.ModuleDescriptor;
import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/**
 * The command's version, for {@code --version}: the jar manifest's
 * {@code Implementation-Version}, else "dev".
 */
final class Version implements IVersionProvider {

  /** Called by picocli. */
  Version() {}

  @Override
  public String[] getVersion() {
    return new String[] {Main.PROGRAM + " " + current()};
  }

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
