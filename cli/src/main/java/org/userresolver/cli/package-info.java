/**
 * The {@code user-resolver} command line: argument parsing, the {@code resolve} and
 * {@code check} commands, and settings loading. Only {@link org.userresolver.cli.Main} is
 * public.
 */
package org.userresolver.cli;
