package org.userresolver.http;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request body that lets the JDK's HTTP client send its request once: the second time the
 * client asks for the body's length, which it does right before writing the request headers
 * of each attempt, it fails instead.
 *
 * <p>Why: {@code java.net.http} (JDK 17 and later, {@code MultiExchange.getExceptionalCF}) silently
 * sends a {@code GET} again when its first attempt fails with an I/O error before any byte of
 * an answer came back ({@code ConnectionExpiredException}, raised by
 * {@code Http1AsyncReceiver} for every HTTP/1.1 exchange), so a server that resets connections
 * sees two requests per {@link HttpJsonClient#send}, and the resolution chain's retry policy
 * doubles. No system property turns that resend off ({@code jdk.httpclient.disableRetryConnect}
 * covers only refused connections, which send nothing), and flipping global properties is not
 * a library's business; this body does it for our requests alone. A refused connection is still
 * retried by the JDK: no request reached the server, and the length is not asked for until the
 * connection is made. An HTTP/2 request the server refused unprocessed (GOAWAY) becomes a
 * transient failure as well, for the retry policy to send again. The cost: a kept-alive
 * connection the server closed while idle also fails the attempt, instead of being replaced
 * silently. The wire format is unchanged: the delegate's length and bytes are sent.
 */
final class OneSendBodyPublisher implements HttpRequest.BodyPublisher {

  /** The JDK tried to send the request a second time; carries no request data. */
  static final class ResendRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ResendRefused() {
      super("not sending the request again: the retry policy decides about retries", null,
          false, false);
    }
  }

  private final HttpRequest.BodyPublisher delegate;
  private final AtomicBoolean sent = new AtomicBoolean();

  OneSendBodyPublisher(HttpRequest.BodyPublisher delegate) {
    this.delegate = delegate;
  }

  @Override
  public long contentLength() {
    if (!sent.compareAndSet(false, true)) {
      throw new ResendRefused();
    }
    return delegate.contentLength();
  }

  @Override
  public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
    delegate.subscribe(subscriber);
  }

  /** Tells whether a failure, or one of its causes, is a refused resend. */
  static boolean isResendRefused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ResendRefused) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
