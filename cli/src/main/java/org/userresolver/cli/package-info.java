/**
 * The {@code user-resolver} command line, on picocli: the top-level command, the
 * {@code resolve}, {@code check} and {@code serve} subcommands on a shared base, the shared
 * settings options, error reporting, and settings loading; and {@code serve}'s HTTP service on
 * the JDK's built-in server ({@code UserService}, {@code Router}, {@code RequestPool}). Only
 * {@link org.userresolver.cli.Main} is public.
 */
package org.userresolver.cli;
