// Payloads and torrents for tests that drive `shoal` and other clients as processes: random files on disk,
// a torrent made by `shoal create`, and its hashes read back independently with libtorrent.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <libtorrent/torrent_info.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/shoal_process.h"
#include "support/fixtures.h"

namespace shoal::test {

struct PayloadFile {
    std::filesystem::path relative;  // under the payload's parent directory, e.g. "folder/sub/b.bin"
    std::int64_t size = 0;
};

struct Payload {
    std::filesystem::path parent;  // what `seed --data` and libtorrent's save path take
    std::filesystem::path root;    // the file or top folder the torrent is made of
    std::vector<PayloadFile> files;
    std::int64_t totalBytes = 0;
};

// One file `name` of `size` random bytes in `parent`.
inline Payload makeFilePayload(const std::filesystem::path& parent, const std::string& name,
                               std::int64_t size, std::uint64_t seed = 7) {
    std::filesystem::create_directories(parent);
    writeRandomFile(parent / name, size, seed);
    return Payload{parent, parent / name, {{name, size}}, size};
}

// A folder `name` in `parent` with files of `sizes` bytes, the second and later in a subfolder.
inline Payload makeFolderPayload(const std::filesystem::path& parent, const std::string& name,
                                 const std::vector<std::int64_t>& sizes, std::uint64_t seed = 11) {
    Payload p{parent, parent / name, {}, 0};
    std::filesystem::create_directories(p.root / "sub");
    for (std::size_t i = 0; i < sizes.size(); ++i) {
        const std::filesystem::path rel =
            i == 0 ? std::filesystem::path(name) / "first.bin"
                   : std::filesystem::path(name) / "sub" / ("part" + std::to_string(i) + ".bin");
        writeRandomFile(parent / rel, sizes[i], seed + i);
        p.files.push_back({rel, sizes[i]});
        p.totalBytes += sizes[i];
    }
    return p;
}

// Every file of `p` has the same SHA-256 under `otherParent` as under its own parent.
inline ::testing::AssertionResult sameContent(const Payload& p, const std::filesystem::path& otherParent) {
    for (const auto& f : p.files) {
        const auto copy = otherParent / f.relative;
        if (!std::filesystem::exists(copy)) return ::testing::AssertionFailure() << "missing: " << copy;
        if (sha256File(p.parent / f.relative) != sha256File(copy))
            return ::testing::AssertionFailure() << "content differs: " << copy;
    }
    return ::testing::AssertionSuccess();
}

// `shoal create ROOT -o OUT EXTRA...`; fails the test (and returns false) unless it exits 0 and writes OUT.
inline bool shoalCreate(const Payload& p, const std::filesystem::path& out,
                        const std::vector<std::string>& extra) {
    std::vector<std::string> args{"create", p.root.string(), "-o", out.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult r = runShoal(args, std::chrono::seconds(60));
    EXPECT_EQ(r.exitCode, 0) << "shoal create failed\nstdout: " << r.out << "\nstderr: " << r.err;
    EXPECT_TRUE(std::filesystem::exists(out)) << out;
    return r.exitCode == 0 && std::filesystem::exists(out);
}

// The torrent's hashes as libtorrent reads them (hex; empty when the torrent has no hash of that kind).
struct TorrentHashes {
    std::string v1;
    std::string v2;
};

inline std::string toHex(const char* data, std::size_t size) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

inline TorrentHashes hashesOf(const std::filesystem::path& torrentFile) {
    const lt::torrent_info info(torrentFile.string());
    const lt::info_hash_t hashes = info.info_hashes();
    TorrentHashes out;
    if (hashes.has_v1()) out.v1 = toHex(hashes.v1.data(), hashes.v1.size());
    if (hashes.has_v2()) out.v2 = toHex(hashes.v2.data(), hashes.v2.size());
    return out;
}

inline int pieceCountOf(const std::filesystem::path& torrentFile) {
    return lt::torrent_info(torrentFile.string()).num_pieces();
}

inline int pieceLengthOf(const std::filesystem::path& torrentFile) {
    return lt::torrent_info(torrentFile.string()).piece_length();
}

// Lines of `text`, without the trailing empty one.
inline std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

}  // namespace shoal::test
