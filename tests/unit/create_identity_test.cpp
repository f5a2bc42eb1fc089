// createTorrent must produce exactly what libtorrent's own set_piece_hashes path produces, byte for
// byte, for v1, v2 and hybrid, single files and folders with awkward sizes, at several piece sizes.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/settings_pack.hpp>
#include <random>
#include <string>
#include <vector>

#include "create/source_files.h"
#include "shoal/create.h"
#include "support/fixtures.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;

// Local helpers: this file does not depend on tests/support, which is written separately.
// Each test's own directory, removed afterwards (tests/support).
using ScratchDir = test::TempDir;

void writeBytes(const fs::path& file, std::int64_t size, std::uint32_t seed) {
    fs::create_directories(file.parent_path());
    std::mt19937 random(seed);
    std::vector<char> data(static_cast<std::size_t>(size));
    for (auto& c : data) c = static_cast<char>(random());
    std::ofstream(file, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
}

// The folder the brief asks for: an empty file, files smaller than a piece, sizes that are not a
// multiple of the piece size, one exactly one block, and one larger than several pieces (and larger
// than one 4 MiB read, so several threads share it).
fs::path makeFolder(const fs::path& root) {
    fs::path folder = root / "payload";
    writeBytes(folder / "big.bin", 9 * 1024 * 1024 + 12345, 1);
    writeBytes(folder / "empty.txt", 0, 2);
    writeBytes(folder / "sub" / "tiny.txt", 100, 3);
    writeBytes(folder / "sub" / "mid.bin", 300000, 4);
    writeBytes(folder / "a_block.bin", 16384, 5);
    writeBytes(folder / "zz" / "deeper" / "last.bin", 70000, 6);
    return folder;
}

lt::create_flags_t flagsFor(TorrentVersion version) {
    if (version == TorrentVersion::V1) return lt::create_torrent::v1_only;
    if (version == TorrentVersion::V2) return lt::create_torrent::v2_only;
    return {};
}

struct Metadata {
    std::vector<std::vector<std::string>> tiers;
    std::vector<std::string> webSeeds;
    bool isPrivate = false;
    std::string comment;
};

// libtorrent's own path: add_files (or our sorted listing for v1 folders, where add_files keeps readdir
// order), then set_piece_hashes with two hashing threads.
std::vector<char> referenceTorrent(const fs::path& source, TorrentVersion version, int pieceSize,
                                   const Metadata& meta) {
    lt::file_storage files;
    if (version == TorrentVersion::V1 && fs::is_directory(source)) {
        auto listed = detail::listSourceFiles(source);
        EXPECT_TRUE(listed.ok());
        files = listed->storage;
    } else {
        lt::add_files(files, source.string());
    }
    lt::create_torrent ct(files, pieceSize, flagsFor(version));
    lt::settings_pack settings;
    settings.set_int(lt::settings_pack::hashing_threads, 2);
    lt::error_code ec;
    lt::set_piece_hashes(
        ct, source.parent_path().string(), settings, [](lt::piece_index_t) {}, ec);
    EXPECT_FALSE(ec) << ec.message();
    for (std::size_t tier = 0; tier < meta.tiers.size(); ++tier) {
        for (const auto& url : meta.tiers[tier]) ct.add_tracker(url, static_cast<int>(tier));
    }
    for (const auto& url : meta.webSeeds) ct.add_url_seed(url);
    ct.set_priv(meta.isPrivate);
    if (!meta.comment.empty()) ct.set_comment(meta.comment.c_str());
    ct.set_creator("Shoal/0.1.0");
    ct.set_creation_date(0);
    std::vector<char> bytes;
    lt::bencode(std::back_inserter(bytes), ct.generate());
    return bytes;
}

CreatedTorrent ours(const fs::path& source, TorrentVersion version, int pieceSize, const Metadata& meta,
                    int threads = 3) {
    CreateRequest request;
    request.source = source;
    request.version = version;
    request.pieceSize = pieceSize;
    request.trackerTiers = meta.tiers;
    request.webSeeds = meta.webSeeds;
    request.isPrivate = meta.isPrivate;
    request.comment = meta.comment;
    request.setCreationDate = false;
    request.threads = threads;
    auto created = createTorrent(request);
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? std::move(created).value() : CreatedTorrent{};
}

const char* versionName(TorrentVersion version) {
    return version == TorrentVersion::V1 ? "v1" : version == TorrentVersion::V2 ? "v2" : "hybrid";
}

struct Case {
    TorrentVersion version;
    int pieceSize;
};

class CreateIdentity : public ::testing::TestWithParam<Case> {};

TEST_P(CreateIdentity, SingleFileMatchesLibtorrentByteForByte) {
    ScratchDir dir;
    fs::path file = dir.path() / "single.bin";
    writeBytes(file, 5 * 1024 * 1024 + 777, 42);  // not a multiple of any piece size
    Metadata none;
    auto created = ours(file, GetParam().version, GetParam().pieceSize, none);
    EXPECT_EQ(created.bytes, referenceTorrent(file, GetParam().version, GetParam().pieceSize, none))
        << versionName(GetParam().version) << " piece " << GetParam().pieceSize;
    EXPECT_EQ(created.numFiles, 1);
    EXPECT_EQ(created.totalSize, 5 * 1024 * 1024 + 777);
}

TEST_P(CreateIdentity, FolderMatchesLibtorrentByteForByte) {
    ScratchDir dir;
    fs::path folder = makeFolder(dir.path());
    Metadata meta;
    meta.tiers = {{"http://127.0.0.1:6969/announce", "udp://127.0.0.1:6969"},
                  {"http://backup.example/announce"}};
    meta.webSeeds = {"http://seed.example/files/"};
    meta.isPrivate = true;
    meta.comment = "identity test";
    auto created = ours(folder, GetParam().version, GetParam().pieceSize, meta);
    EXPECT_EQ(created.bytes, referenceTorrent(folder, GetParam().version, GetParam().pieceSize, meta))
        << versionName(GetParam().version) << " piece " << GetParam().pieceSize;
    EXPECT_EQ(created.numFiles, 6);  // pad files are not counted
    EXPECT_EQ(created.name, "payload");
}

// 16 KiB: one block per piece; 64 KiB: files straddle pieces; 1 MiB: most files are smaller than a
// piece (v2 pads their trees to a power of two, not to the piece).
INSTANTIATE_TEST_SUITE_P(
    CreateVersions, CreateIdentity,
    ::testing::Values(Case{TorrentVersion::V1, 16384}, Case{TorrentVersion::V1, 65536},
                      Case{TorrentVersion::V1, 1048576}, Case{TorrentVersion::V1, 49152},
                      Case{TorrentVersion::V2, 16384}, Case{TorrentVersion::V2, 65536},
                      Case{TorrentVersion::V2, 1048576}, Case{TorrentVersion::Hybrid, 16384},
                      Case{TorrentVersion::Hybrid, 65536}, Case{TorrentVersion::Hybrid, 1048576}),
    [](const auto& info) {
        return std::string(versionName(info.param.version)) + "_" + std::to_string(info.param.pieceSize);
    });

TEST(CreateIdentity, SameOutputWithOneThreadOrMany) {
    ScratchDir dir;
    fs::path folder = makeFolder(dir.path());
    Metadata none;
    auto one = ours(folder, TorrentVersion::Hybrid, 32768, none, 1);
    auto many = ours(folder, TorrentVersion::Hybrid, 32768, none, 8);
    EXPECT_FALSE(one.bytes.empty());
    EXPECT_EQ(one.bytes, many.bytes);
}

}  // namespace
}  // namespace shoal
