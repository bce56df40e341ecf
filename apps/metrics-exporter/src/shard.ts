/**
 * Sharding as kube-state-metrics does it: each process owns the users whose id hashes to its
 * shard, so n processes split the work and their sums add up to the whole. FNV-1a (32-bit) is
 * stable across runtimes and restarts.
 *
 * @module
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function ownsUser(channelUserId: string, shard: number, totalShards: number): boolean {
  return totalShards <= 1 || fnv1a(channelUserId) % totalShards === shard;
}
