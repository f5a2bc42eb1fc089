// The BitTorrent v2 (BEP 52) merkle root of a run of 16 KiB block hashes, padded with zero hashes.
#pragma once

#include <libtorrent/sha1_hash.hpp>
#include <span>
#include <vector>

namespace shoal::detail {

// Smallest power of two >= blocks (1 for 0 or 1).
int merkleNumLeafs(int blocks);

// Root of a tree with numLeafs leaves (a power of two >= leaves.size()); the leaves past leaves.size()
// are all-zero hashes, as BEP 52 pads them. `scratch` is reused between calls to avoid allocations.
lt::sha256_hash merkleRoot(std::span<const lt::sha256_hash> leaves, int numLeafs,
                           std::vector<lt::sha256_hash>& scratch);

}  // namespace shoal::detail
