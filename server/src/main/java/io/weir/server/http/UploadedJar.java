package io.weir.server.http;

import io.weir.engine.udf.JarStore;

/**
 * A {@code POST /v1/jars} whose body {@link JarUploadHandler} streamed into the jar store,
 * handed to {@link RequestDispatcher} in its place in the connection's request order: either the
 * finished upload, to commit, or the error to answer (then the connection closes).
 *
 * @param upload the bytes written, to commit; null when {@code error} is set
 * @param error the answer for a refused upload (401, 400, 413), or null
 */
record UploadedJar(JarStore.Upload upload, Reply.Full error) {}
