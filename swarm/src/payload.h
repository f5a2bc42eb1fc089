// The lab's payload: generated from a seed (same seed, same bytes) or taken from disk, its torrent, and
// the checks and faults that work on its files (copies, corrupted pieces, verification of a download).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "shoal/create.h"
#include "shoal/swarm/scenario.h"
#include "shoal/types.h"

namespace shoal::swarm {

struct PayloadFile {
    std::string path;  // relative to the save path (starts with the torrent's name)
    std::int64_t size = 0;
    std::string sha256;
};

struct PreparedPayload {
    std::vector<char> torrentBytes;
    std::filesystem::path torrentFile;  // the same bytes on disk, written once, for members in a process
    InfoHashes hashes;
    std::string magnetUri;
    std::string name;
    std::filesystem::path savePath;  // the seeders' save path: holds `name`
    std::int64_t totalSize = 0;
    std::int64_t pieceSize = 0;
    int numPieces = 0;
    std::vector<PayloadFile> files;
};

// Generates (or reads) the payload under workDir/payload and creates its torrent.
Result<PreparedPayload> preparePayload(const PayloadSpec& spec, const std::filesystem::path& workDir);

// Copies the payload's files under `saveParent` (a corrupt seeder's own data).
Result<void> copyPayload(const PreparedPayload& payload, const std::filesystem::path& saveParent);

// Overwrites `count` pieces (spread over the payload, chosen from `seed`) of the copy under `saveParent`
// with garbage, in place (same inodes: a running seeder reads the new bytes). Returns the piece indices.
Result<std::vector<int>> corruptPieces(const PreparedPayload& payload, const std::filesystem::path& saveParent,
                                       int count, std::uint64_t seed);

// True if every file under `saveParent` has the source's SHA-256.
bool verifyCopy(const PreparedPayload& payload, const std::filesystem::path& saveParent);

}  // namespace shoal::swarm
