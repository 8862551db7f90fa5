/**
 * Element-wise and normalisation kernels of oneDNN (the javacpp build of oneDNN 2.5, next to the one libnd4j
 * carries inside) run as ops of our SameDiff graphs: {@link io.latentemu.models.onednn.RowNorm} (layer norm over
 * the rows of a matrix) and {@link io.latentemu.models.onednn.Swish} (SiLU), each with a one-op gradient.
 *
 * <p>They exist for speed: each replaces four to seven libnd4j ops (and their gradients about as many again) by
 * one oneDNN primitive that reads and writes its arrays once (docs/performance.md). {@link
 * io.latentemu.models.onednn.OneDnn#available()} says whether they can run here (ND4J's CPU backend, the native
 * library loads); the network builders fall back to composed ops where not, and for double precision.
 */
package io.latentemu.models.onednn;
