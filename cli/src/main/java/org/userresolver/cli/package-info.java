/**
 * The {@code user-resolver} command line, on picocli: the top-level command, the
 * {@code resolve} and {@code check} subcommands on a shared base, the shared settings options,
 * error reporting, and settings loading. Only {@link org.userresolver.cli.Main} is public.
 */
package org.userresolver.cli;
