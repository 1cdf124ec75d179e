package org.userresolver.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a fixed loopback port in front of a server, that a test can cut (every open
 * connection closed, new ones refused: the server is down, as far as the client can tell) and
 * restore (the same port accepts again). One thread per direction per connection.
 */
final class TcpProxy implements AutoCloseable {
  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listening;
  private int port;

  TcpProxy(int target) {
    this.target = target;
    listen(0);
  }

  /** The port clients connect to. */
  int port() {
    return port;
  }

  /** Closes every connection and refuses new ones. */
  synchronized void cut() {
    ServerSocket socket = listening;
    listening = null;
    closeQuietly(socket);
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
  }

  /** Accepts connections on the same port again. */
  synchronized void restore() {
    if (listening == null) {
      listen(port);
    }
  }

  @Override
  public void close() {
    cut();
  }

  private synchronized void listen(int on) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), on), 50);
      port = socket.getLocalPort();
      listening = socket;
      Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + port);
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + on, e);
    }
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        if (listening != socket) {
          // cut while this connection was being made
          closeQuietly(client);
          closeQuietly(server);
          continue;
        }
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // the listening socket was closed: cut
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // a side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
      }
    }, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
