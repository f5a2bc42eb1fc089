// BEP 52 merkle roots for piece-layer hashes. Only the real leaves are stored; the padding subtree hash
// of each level is computed once (zero, then hash(pad, pad), ...) instead of hashing zero leaves.
#include "create/merkle_root.h"

#include <libtorrent/hasher.hpp>
#include <vector>

namespace shoal::detail {

int merkleNumLeafs(int blocks) {
    int leafs = 1;
    while (leafs < blocks) leafs *= 2;
    return leafs;
}

lt::sha256_hash merkleRoot(std::span<const lt::sha256_hash> leaves, int numLeafs,
                           std::vector<lt::sha256_hash>& scratch) {
    lt::sha256_hash pad;  // all zeros: the hash of a leaf past the end of the data
    if (leaves.empty()) {
        // A tree of nothing but padding.
        for (; numLeafs > 1; numLeafs /= 2) pad = lt::hasher256().update(pad).update(pad).final();
        return pad;
    }
    if (numLeafs == 1) return leaves[0];

    scratch.assign(leaves.begin(), leaves.end());
    std::size_t count = scratch.size();
    for (; numLeafs > 1; numLeafs /= 2) {
        std::size_t parents = (count + 1) / 2;
        for (std::size_t i = 0; i < parents; ++i) {
            const lt::sha256_hash& left = scratch[2 * i];
            const lt::sha256_hash& right = 2 * i + 1 < count ? scratch[2 * i + 1] : pad;
            scratch[i] = lt::hasher256().update(left).update(right).final();
        }
        count = parents;
        pad = lt::hasher256().update(pad).update(pad).final();
    }
    return scratch[0];
}

}  // namespace shoal::detail
