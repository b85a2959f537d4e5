package io.weir.engine.udf;

/**
 * One stored jar version.
 *
 * @param name the label it was uploaded under (never a path)
 * @param sha256 its content hash, hex; the file in the store is named after it
 * @param sizeBytes its size
 * @param uploadedAtMillis when this version was stored
 */
public record JarInfo(String name, String sha256, long sizeBytes, long uploadedAtMillis) {
  /** {@code name@sha256}: a reference to exactly this version. */
  public String ref() {
    return name + "@" + sha256;
  }
}
