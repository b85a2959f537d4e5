package io.weir.server.http;

/** A request the server cannot read (not the JSON it expects, a bad parameter): HTTP 400. */
final class BadRequestException extends RuntimeException {
  BadRequestException(String message) {
    super(message);
  }
}
