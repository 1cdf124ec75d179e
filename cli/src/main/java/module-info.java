/**
 * The {@code user-resolver} command: resolves user ids to Amundsen profiles, checks a
 * configuration, and serves profiles over HTTP. Its entry point is
 * {@link org.userresolver.cli.Main}.
 *
 * <p>Providers and stores are found by the core's {@link java.util.ServiceLoader} lookup, so
 * on the module path every provider and store module must be present too; the shaded jar
 * {@code user-resolver.jar} bundles them all for the class path.
 */
module org.userresolver.cli {
  requires org.userresolver;
  requires info.picocli;
  // serve: the JDK's HTTP server, SIGTERM handling, the access log and Prometheus metrics
  requires jdk.httpserver;
  requires jdk.unsupported;
  requires org.slf4j;
  requires micrometer.registry.prometheus;
  requires me.tongfei.progressbar;

  exports org.userresolver.cli;
  // picocli reads and sets the commands' annotated fields reflectively.
  opens org.userresolver.cli to info.picocli;
}
