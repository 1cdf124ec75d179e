package org.userresolver.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserResolver;

/**
 * {@code user-resolver resolve}: checks every id, then prints one {@code UserSchema} JSON line
 * per id in the order given, and with {@code --explain} one line per id on stderr.
 */
final class ResolveCommand {

  private ResolveCommand() {}

  /**
   * Runs the command.
   *
   * @return the exit code
   * @throws CliException for invalid settings or configuration
   */
  static int run(Arguments arguments, InputStream in, PrintStream out, PrintStream err,
      Map<String, String> env) {
    List<UserIdArgument> ids = UserIdArgument.expand(arguments.ids(), in);
    List<String> problems = new ArrayList<>();
    ids.forEach(id -> id.problem().ifPresent(problems::add));
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println(Main.PROGRAM + ": " + problem));
      err.println(Main.PROGRAM + ": nothing resolved");
      return ExitCode.USAGE;
    }
    if (ids.isEmpty()) {
      return ExitCode.OK;
    }
    Settings settings = SettingsLoader.load(arguments, env);
    Explanations explanations = arguments.explain() ? new Explanations(settings) : null;
    try (UserResolver resolver = Chains.build(settings, explanations)) {
      Map<String, User> users = resolve(resolver, ids);
      for (UserIdArgument id : ids) {
        User user = users.get(id.id());
        if (user == null) {
          throw new IllegalStateException("the resolution chain gave no answer for " + id.id());
        }
        out.println(UserJson.write(user));
        if (explanations != null) {
          err.println(explanations.line(id.id()));
        }
      }
    }
    return ExitCode.OK;
  }

  private static Map<String, User> resolve(UserResolver resolver, List<UserIdArgument> ids) {
    if (ids.size() == 1) {
      String id = ids.get(0).id();
      return Map.of(id, resolver.resolve(id));
    }
    return resolver.resolveAll(ids.stream().map(UserIdArgument::id).toList());
  }
}
