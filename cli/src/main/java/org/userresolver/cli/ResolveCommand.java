package org.userresolver.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.userresolver.Settings;
import org.userresolver.User;
import org.userresolver.UserJson;
import org.userresolver.UserResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code user-resolver resolve}: checks every id, then prints one {@code UserSchema} JSON line
 * per id in the order given, and with {@code --explain} one line per id on stderr.
 */
@Command(name = "resolve",
    customSynopsis = {
        "user-resolver resolve [--explain] [--settings FILE]",
        "                             [--set NAME=VALUE]... ID... | -"},
    description = {
        "Prints the profile of each user id, one JSON line each.",
        "",
        "Each line is a JSON object in Amundsen's UserSchema shape, in the order the ids were "
            + "given. The metadata store is asked first, the identity provider second; a user "
            + "nobody knows still gets a line, the minimal {email, user_id} record. Every id is "
            + "checked first: if one is invalid (blank, control characters, more than 320 "
            + "characters) nothing is resolved."},
    exitCodeList = {
        "0:every id answered",
        "1:invalid settings or configuration",
        "2:bad usage or an invalid id"})
final class ResolveCommand extends ChainCommand {

  @Option(names = "--explain", arity = "0",
      description = "also print on stderr, per id, where the answer came from (cache, store, "
          + "provider or fallback) and why")
  private boolean explain;

  @Parameters(paramLabel = "ID", arity = "1..*",
      description = "a user id, usually an email; - reads ids from standard input, one per "
          + "line, blank lines skipped; after --, every argument is an id")
  private List<String> ids = new ArrayList<>();

  @Override
  public Integer call() {
    if (Collections.frequency(ids, UserIdArgument.STDIN) > 1) {
      throw usageError("- (standard input) may be given once");
    }
    List<UserIdArgument> arguments = UserIdArgument.expand(ids, in());
    List<String> problems = new ArrayList<>();
    arguments.forEach(id -> id.problem().ifPresent(problems::add));
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err().println(Main.PROGRAM + ": " + problem));
      err().println(Main.PROGRAM + ": nothing resolved");
      return ExitCode.USAGE;
    }
    if (arguments.isEmpty()) {
      return ExitCode.OK;
    }
    Settings settings = settings();
    Explanations explanations = explain ? new Explanations(settings) : null;
    try (UserResolver resolver = chain(settings, explanations)) {
      Map<String, User> users = resolve(resolver, arguments);
      for (UserIdArgument id : arguments) {
        User user = users.get(id.id());
        if (user == null) {
          throw new IllegalStateException("the resolution chain gave no answer for " + id.id());
        }
        out().println(UserJson.write(user));
        if (explanations != null) {
          err().println(explanations.line(id.id()));
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
