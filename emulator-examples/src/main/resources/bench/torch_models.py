#!/usr/bin/python3
"""PyTorch twins of the two networks of `./emulator bench models`, timed the same way.

Run by `./emulator bench models --compare` (or by hand):
    /usr/bin/python3 torch_models.py autoencoder|vit [--threads N] [--batch N] [--size N] [--warmup N] [--steps N]
Prints one line: `torch <version> <network> train_step_s=X forward_s=Y params=N threads=T train_cpu_s=U forward_cpu_s=V`
(CPU seconds of the process per step, all threads).

The networks mirror emulator-models layer for layer (same shapes, same parameter counts):
- autoencoder: DcaeEncoder/DcaeDecoder of AutoencoderConfig's defaults (no soft clip); the step is the mean
  squared reconstruction error, its gradients and an AdamW update.
- vit: VitConfig.benchmark() inside the EDM denoiser of DiffusionModel (input scaled by c_in, mask channel
  appended, noise level log(sigma) through a sinusoidal code and a two-layer MLP, adaLN-zero blocks with
  RMS-normalised queries and keys, output mixed with the input by c_skip and c_out); the step is the
  sigma-weighted denoising loss, its gradients and an AdamW update.
Timing: --warmup untimed steps, then the mean of --steps steps; forward passes under no_grad likewise
(as many untimed ones first).
Needs Debian's python3-torch with OpenBLAS (libopenblas0-pthread); without it matrix products are far slower.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def channel_norm(x, eps=1e-5):
    """LayerNorm over channels only, at every pixel, without affine parameters (LayerNorm.channels)."""
    mean = x.mean(1, keepdim=True)
    centred = x - mean
    return centred * torch.rsqrt((centred * centred).mean(1, keepdim=True) + eps)


class Residual(nn.Module):
    """x + conv(dropout(silu(conv(norm(x))))) (ResidualBlock)."""

    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(F.silu(self.conv1(channel_norm(x))))


def autoencoder(channels=5, widths=(32, 64, 128, 256), blocks=2, latent=16):
    """Encoder then decoder of the DC-AE (pixel unshuffle + conv down, conv + pixel shuffle up)."""
    layers = [nn.Conv2d(channels, widths[0], 3, padding=1)]
    for level, w in enumerate(widths):
        layers += [Residual(w) for _ in range(blocks)]
        if level + 1 < len(widths):
            layers += [nn.PixelUnshuffle(2), nn.Conv2d(4 * w, widths[level + 1], 3, padding=1)]
    layers.append(nn.Conv2d(widths[-1], latent, 3, padding=1))
    layers.append(nn.Conv2d(latent, widths[-1], 3, padding=1))
    for level in reversed(range(len(widths))):
        layers += [Residual(widths[level]) for _ in range(blocks)]
        if level > 0:
            layers += [nn.Conv2d(widths[level], 4 * widths[level - 1], 3, padding=1), nn.PixelShuffle(2)]
    layers.append(nn.Conv2d(widths[0], channels, 3, padding=1))
    return nn.Sequential(*layers)


def layer_norm(x, eps=1e-5):
    return F.layer_norm(x, x.shape[-1:], eps=eps)


def rms_norm(x, eps=1e-6):
    return x * torch.rsqrt((x * x).mean(-1, keepdim=True) + eps)


class AdaLnBlock(nn.Module):
    """adaLN-zero block with four modulation chunks (shift, scale, gate1, gate2), as VitConfig.benchmark()."""

    def __init__(self, width, heads, expansion=4):
        super().__init__()
        self.heads = heads
        self.modulation = nn.Linear(width, 4 * width)
        self.q = nn.Linear(width, width)
        self.k = nn.Linear(width, width)
        self.v = nn.Linear(width, width)
        self.out = nn.Linear(width, width)
        self.fc1 = nn.Linear(width, expansion * width)
        self.fc2 = nn.Linear(expansion * width, width)

    def forward(self, x, c):
        b, t, d = x.shape
        shift, scale, gate1, gate2 = self.modulation(F.silu(c)).unsqueeze(1).chunk(4, -1)
        h = layer_norm(x) * (scale + 1) + shift
        dh = d // self.heads

        def split(y):
            return y.view(b, t, self.heads, dh).transpose(1, 2)

        q = rms_norm(split(self.q(h))) / math.sqrt(dh)
        k = rms_norm(split(self.k(h)))
        v = split(self.v(h))
        a = torch.softmax(q @ k.transpose(-1, -2), -1) @ v
        x = x + gate1 * self.out(a.transpose(1, 2).reshape(b, t, d))
        return x + gate2 * self.fc2(F.silu(self.fc1(layer_norm(x))))


class Denoiser(nn.Module):
    """EDM-preconditioned ViT over windows [B, L, C, H, W] with a mask channel (DiffusionModel + VitBackbone)."""

    def __init__(self, frames=5, channels=16, height=8, width_px=8, width=256, depth=6, heads=4, noise_features=64):
        super().__init__()
        self.tokens = frames * height * width_px
        self.embed = nn.Linear(channels + 1, width)
        self.table = nn.Parameter(torch.randn(self.tokens, width) * 0.02)
        self.noise1 = nn.Linear(noise_features, width)
        self.noise2 = nn.Linear(width, width)
        self.blocks = nn.ModuleList([AdaLnBlock(width, heads) for _ in range(depth)])
        self.output = nn.Linear(width, channels)
        half = noise_features // 2
        self.register_buffer("frequencies", torch.exp(-math.log(1e4) * torch.arange(half) / half))

    def forward(self, xt, mask, sigma, sigma_data=1.0):
        total = sigma * sigma + sigma_data * sigma_data
        c_in, c_skip = torch.rsqrt(total), sigma_data * sigma_data / total
        c_out = sigma * sigma_data * torch.rsqrt(total)
        per_row = lambda c: c.view(-1, 1, 1, 1, 1)
        b, l, ch, hh, ww = xt.shape
        frames = torch.cat([xt * per_row(c_in), mask], 2)
        x = self.embed(frames.permute(0, 1, 3, 4, 2).reshape(b, self.tokens, ch + 1)) + self.table
        angles = torch.log(sigma)[:, None] * self.frequencies[None]
        c = self.noise2(F.silu(self.noise1(torch.cat([angles.sin(), angles.cos()], -1))))
        for block in self.blocks:
            x = block(x, c)
        f = self.output(x).view(b, l, hh, ww, ch).permute(0, 1, 4, 2, 3)
        return xt * per_row(c_skip) + f * per_row(c_out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("network", choices=["autoencoder", "vit"])
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--steps", type=int, default=8)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.network == "autoencoder":
        net = autoencoder()
        x = torch.randn(a.batch, 5, a.size, a.size)
        forward = lambda: net(x)
        loss = lambda: ((net(x) - x) ** 2).mean()
    else:
        net = Denoiser()
        window = torch.randn(a.batch, 5, 16, 8, 8)
        mask = torch.zeros(a.batch, 5, 1, 8, 8)
        mask[:, 0] = 1
        sigma = torch.rand(a.batch) + 0.1
        weight = (sigma * sigma + 1) / (sigma * sigma)
        xt = window + sigma.view(-1, 1, 1, 1, 1) * torch.randn_like(window)
        forward = lambda: net(xt, mask, sigma)
        loss = lambda: (((net(xt, mask, sigma) - window) ** 2).mean((1, 2, 3, 4)) * weight).mean()
    optimiser = torch.optim.AdamW(net.parameters(), 1e-4, weight_decay=0.0)

    def step():
        optimiser.zero_grad()
        loss().backward()
        optimiser.step()

    def mean_seconds(warm, task):
        """Mean wall and CPU (this process, all threads) seconds of a.steps runs after warm untimed ones."""
        for _ in range(warm):
            task()
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in range(a.steps):
            task()
        n = max(1, a.steps)
        return (time.perf_counter() - t0) / n, (time.process_time() - c0) / n

    train, train_cpu = mean_seconds(a.warmup, step)
    with torch.no_grad():
        fwd, fwd_cpu = mean_seconds(a.warmup, forward)
    params = sum(q.numel() for q in net.parameters())
    print(f"torch {torch.__version__} {a.network} train_step_s={train:.4f} forward_s={fwd:.4f} params={params} "
          f"threads={torch.get_num_threads()} train_cpu_s={train_cpu:.4f} forward_cpu_s={fwd_cpu:.4f}", flush=True)


if __name__ == "__main__":
    main()
