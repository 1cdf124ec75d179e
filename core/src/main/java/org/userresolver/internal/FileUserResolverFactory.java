package org.userresolver.internal;

import java.nio.file.Path;
import org.userresolver.Settings;
import org.userresolver.UserResolver;
import org.userresolver.spi.UserResolverFactory;

/** Creates the {@code file} provider from {@code USER_RESOLVER_FILE}. */
public final class FileUserResolverFactory implements UserResolverFactory {

  /** Called by {@link java.util.ServiceLoader}. */
  public FileUserResolverFactory() {}

  @Override
  public String name() {
    return "file";
  }

  @Override
  public UserResolver create(Settings settings) {
    Settings.Parser parser = settings.parser();
    String file = parser.require(Settings.FILE,
        "the path of a JSON array of users in Amundsen's UserSchema shape");
    parser.finish("Invalid settings for the file provider");
    return new FileUserResolver(Path.of(file));
  }
}
