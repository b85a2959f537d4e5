package io.weir.server;

/** A request named a query, table or route that does not exist (HTTP 404). */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
