// Hashes a torrent's pieces on several threads: SHA-1 per piece (v1) and BEP 52 piece-layer roots (v2),
// both from one read of the data.
#pragma once

#include <atomic>
#include <functional>
#include <libtorrent/file_storage.hpp>
#include <libtorrent/sha1_hash.hpp>
#include <string>
#include <vector>

#include "shoal/create.h"

namespace shoal::detail {

struct HashJob {
    const lt::file_storage* files = nullptr;  // piece length and pad files already set (create_torrent's)
    std::string rootDir;                      // file paths are relative to it
    bool v1 = true;
    bool v2 = true;
    int threads = 0;  // 0: every core
    std::function<void(const CreateProgress&)> onProgress;
    const std::atomic<bool>* cancel = nullptr;
};

struct PieceHashes {
    std::vector<lt::sha1_hash> v1;  // by piece; empty unless HashJob::v1
    // By piece: the piece-layer hash for the file the piece starts in (what create_torrent::set_hash2
    // wants). Empty unless HashJob::v2; pieces that start in a pad file keep a zero hash.
    std::vector<lt::sha256_hash> v2;
};

Result<PieceHashes> hashPieces(const HashJob& job);

}  // namespace shoal::detail
