package io.latentemu.core.rollout;

import io.latentemu.core.Seeds;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Autoregressive emulation: encode the first c states of each trajectory, call the {@link Emulator}
 * repeatedly (each call turns the last c states into the next L - c), keep every generated latent state,
 * and decode on demand at the end. An ensemble of K members per trajectory runs as one batch of B*K
 * rows, row {@code b*K + k}, each with its own seed {@code Seeds.mix(seed, b, k)} (call j of a row uses
 * {@code Seeds.mix(rowSeed, j)}), so a member's trajectory does not depend on the batch it ran in.
 *
 * <p>With {@link LatentCodec#identity()} this is pixel-space emulation.
 */
public final class Rollout {

    private final Emulator emulator;
    private final LatentCodec codec;

    /**
     * @param emulator predicts in the codec's latent space
     * @param codec    encodes the initial states and decodes the results ({@link LatentCodec#identity()} in pixel space)
     */
    public Rollout(Emulator emulator, LatentCodec codec) {
        this.emulator = emulator;
        this.codec = codec;
    }

    public Emulator emulator() {
        return emulator;
    }

    public LatentCodec codec() {
        return codec;
    }

    /**
     * Emulates {@code steps} states after the initial ones, in latent space.
     *
     * @param initial    the first c states of each trajectory, {@code [B, c, C, H, W]}
     * @param parameters simulation parameters {@code [B, P]}, or null
     * @param steps      states to generate T &ge; 1
     * @param members    ensemble members K &ge; 1
     * @param seed       root of all randomness
     * @return latent states {@code [B, K, T, ...latent]}
     */
    public INDArray emulateLatent(INDArray initial, INDArray parameters, int steps, int members, long seed) {
        int c = emulator.context();
        if (initial.rank() < 3 || initial.size(1) != c) {
            throw new IllegalArgumentException("initial states must be [B, " + c + ", ...], got "
                    + Arrays.toString(initial.shape()));
        }
        if (steps < 1 || members < 1) {
            throw new IllegalArgumentException("need steps >= 1 and members >= 1, got " + steps + " and " + members);
        }
        int b = (int) initial.size(0);
        INDArray latent = encodeFrames(initial);                      // [B, c, ...]
        INDArray context = latent.repeat(0, members);                 // [B*K, c, ...]
        INDArray params = parameters == null ? null : parameters.repeat(0, members);
        long[] rowSeeds = new long[b * members];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < members; k++) {
                rowSeeds[i * members + k] = Seeds.mix(seed, i, k);
            }
        }
        long[] outShape = context.shape().clone();
        outShape[1] = steps;
        INDArray out = Nd4j.create(context.dataType(), outShape);
        int done = 0;
        for (int call = 0; done < steps; call++) {
            long[] seeds = new long[rowSeeds.length];
            for (int r = 0; r < seeds.length; r++) {
                seeds[r] = Seeds.mix(rowSeeds[r], call);
            }
            INDArray next = emulator.next(context, params, seeds);
            if (next.size(0) != context.size(0) || next.size(1) != emulator.horizon()) {
                throw new IllegalStateException("emulator returned " + Arrays.toString(next.shape()) + " for "
                        + context.size(0) + " rows and " + emulator.horizon() + " new states");
            }
            int take = Math.min(emulator.horizon(), steps - done);
            out.get(Windows.frameIndex(out.rank(), done, done + take)).assign(Windows.frames(next, 0, take));
            done += take;
            context = Nd4j.concat(1, context, next);
            context = Windows.frames(context, context.size(1) - c, context.size(1)).dup();
        }
        long[] shape = new long[out.rank() + 1];
        shape[0] = b;
        shape[1] = members;
        System.arraycopy(outShape, 1, shape, 2, outShape.length - 1);
        return out.reshape(shape);
    }

    /**
     * Decodes the states of one lead time.
     *
     * @param latents {@code [B, K, T, ...latent]} from {@link #emulateLatent}
     * @param lead    1-based lead time
     * @return states {@code [B, K, C, H, W]}
     */
    public INDArray decodeLead(INDArray latents, int lead) {
        long b = latents.size(0);
        long k = latents.size(1);
        INDArrayIndex[] idx = new INDArrayIndex[latents.rank()];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[2] = NDArrayIndex.point(lead - 1);
        INDArray lat = latents.get(idx).dup();                 // [B, K, ...latent]
        long[] flat = Arrays.copyOfRange(lat.shape(), 1, lat.rank());
        flat[0] = b * k;
        INDArray states = codec.decode(lat.reshape(flat));      // [B*K, C, H, W]
        long[] shape = new long[states.rank() + 1];
        shape[0] = b;
        shape[1] = k;
        System.arraycopy(states.shape(), 1, shape, 2, states.rank() - 1);
        return states.reshape(shape);
    }

    /** {@link #emulateLatent} then every lead decoded: {@code [B, K, T, C, H, W]}. Mind the memory for large fields. */
    public INDArray emulate(INDArray initial, INDArray parameters, int steps, int members, long seed) {
        INDArray latents = emulateLatent(initial, parameters, steps, members, seed);
        INDArray first = decodeLead(latents, 1);
        long[] shape = new long[first.rank() + 1];
        shape[0] = first.size(0);
        shape[1] = first.size(1);
        shape[2] = steps;
        System.arraycopy(first.shape(), 2, shape, 3, first.rank() - 2);
        INDArray out = Nd4j.create(first.dataType(), shape);
        for (int t = 1; t <= steps; t++) {
            INDArrayIndex[] idx = new INDArrayIndex[out.rank()];
            Arrays.fill(idx, NDArrayIndex.all());
            idx[2] = NDArrayIndex.point(t - 1);
            out.get(idx).assign(t == 1 ? first : decodeLead(latents, t));
        }
        return out;
    }

    /** Encodes {@code [B, n, C, H, W]} frame by frame into {@code [B, n, ...latent]}. */
    INDArray encodeFrames(INDArray frames) {
        long b = frames.size(0);
        long n = frames.size(1);
        long[] flat = Arrays.copyOfRange(frames.shape(), 1, frames.rank());
        flat[0] = b * n;
        INDArray lat = codec.encode(frames.reshape(flat));
        long[] shape = new long[lat.rank() + 1];
        shape[0] = b;
        shape[1] = n;
        System.arraycopy(lat.shape(), 1, shape, 2, lat.rank() - 1);
        return lat.reshape(shape);
    }
}
