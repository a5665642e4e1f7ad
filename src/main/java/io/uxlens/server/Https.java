package io.uxlens.server;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The HTTPS connector for {@code --tls-cert/--tls-key}: TLS in front of the same HTTP/1.1 configuration. */
final class Https {
  private Https() {}

  static ServerConnector connector(Server jetty, HttpConfiguration http, SslContextFactory.Server tls) {
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // clients reach the server by IP as often as by name; the certificate check is theirs to make
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    return new ServerConnector(jetty, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
        new HttpConnectionFactory(https));
  }
}
