// createTorrent's behaviour around the hashing: options, piece-size rules, errors, progress, cancel,
// and a torrent that a libtorrent session accepts as complete for the data it was made from.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/hasher.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "create/piece_size.h"
#include "shoal/create.h"
#include "support/fixtures.h"

namespace shoal {
namespace {

namespace fs = std::filesystem;

// Each test's own directory, removed afterwards (tests/support).
using ScratchDir = test::TempDir;

std::vector<char> writeBytes(const fs::path& file, std::int64_t size, std::uint32_t seed) {
    fs::create_directories(file.parent_path());
    std::mt19937 random(seed);
    std::vector<char> data(static_cast<std::size_t>(size));
    for (auto& c : data) c = static_cast<char>(random());
    std::ofstream(file, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
    return data;
}

CreateRequest requestFor(const fs::path& source, TorrentVersion version, std::int64_t pieceSize = 0) {
    CreateRequest request;
    request.source = source;
    request.version = version;
    request.pieceSize = pieceSize;
    return request;
}

TEST(CreateTorrent, RejectsPieceSizesTheVersionCannotUse) {
    ScratchDir dir;
    writeBytes(dir.path() / "f.bin", 100000, 1);
    struct Bad {
        TorrentVersion version;
        std::int64_t size;
        const char* mentions;
    };
    for (const Bad& bad :
         {Bad{TorrentVersion::Hybrid, 49152, "power of two"},
          Bad{TorrentVersion::V2, 3 * 1024 * 1024, "power of two"},
          Bad{TorrentVersion::V2, 8192, "too small"}, Bad{TorrentVersion::V1, 20000, "16384"},
          Bad{TorrentVersion::V1, -16384, "too small"},
          Bad{TorrentVersion::Hybrid, std::int64_t{1} << 28, "too large"}}) {
        auto created = createTorrent(requestFor(dir.path() / "f.bin", bad.version, bad.size));
        ASSERT_FALSE(created.ok()) << bad.size;
        EXPECT_EQ(created.error().code, ErrorCode::InvalidArgument);
        EXPECT_NE(created.error().message.find(bad.mentions), std::string::npos) << created.error().message;
    }
    // v1 only needs whole 16 KiB blocks.
    auto v1 = createTorrent(requestFor(dir.path() / "f.bin", TorrentVersion::V1, 49152));
    ASSERT_TRUE(v1.ok()) << v1.error().message;
    EXPECT_EQ(v1->pieceSize, 49152);
}

TEST(CreateTorrent, AutoPieceSizeAimsAtUpToTwoThousandPieces) {
    EXPECT_EQ(detail::autoPieceSize(1000), 16384);
    EXPECT_EQ(detail::autoPieceSize(std::int64_t{1} << 30), 1 << 20);   // 1 GiB -> 1024 pieces of 1 MiB
    EXPECT_EQ(detail::autoPieceSize(std::int64_t{1} << 45), 16 << 20);  // capped at 16 MiB
    for (std::int64_t size : {std::int64_t{50} << 20, std::int64_t{3} << 30, std::int64_t{7777777777}}) {
        std::int64_t piece = detail::autoPieceSize(size);
        std::int64_t pieces = (size + piece - 1) / piece;
        EXPECT_EQ(piece & (piece - 1), 0);
        EXPECT_GT(pieces, 1000) << size;
        EXPECT_LE(pieces, 2000) << size;
    }
    ScratchDir dir;
    writeBytes(dir.path() / "f.bin", 3 * 1024 * 1024, 2);
    auto created = createTorrent(requestFor(dir.path() / "f.bin", TorrentVersion::Hybrid));
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->pieceSize, 16384);
    EXPECT_EQ(created->numPieces, 192);
}

TEST(CreateTorrent, ReportsMissingEmptyAndUnreadableSources) {
    ScratchDir dir;
    auto missing = createTorrent(requestFor(dir.path() / "nope", TorrentVersion::Hybrid));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::BadInput);
    EXPECT_NE(missing.error().message.find((dir.path() / "nope").string()), std::string::npos);

    fs::create_directories(dir.path() / "empty");
    auto empty = createTorrent(requestFor(dir.path() / "empty", TorrentVersion::Hybrid));
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::BadInput);

    writeBytes(dir.path() / "zeros" / "a", 0, 1);
    auto zeros = createTorrent(requestFor(dir.path() / "zeros", TorrentVersion::V1));
    ASSERT_FALSE(zeros.ok());
    EXPECT_EQ(zeros.error().code, ErrorCode::BadInput);

    if (::geteuid() != 0) {  // root reads anything
        writeBytes(dir.path() / "locked.bin", 50000, 1);
        fs::permissions(dir.path() / "locked.bin", fs::perms::none);
        auto locked = createTorrent(requestFor(dir.path() / "locked.bin", TorrentVersion::V1));
        ASSERT_FALSE(locked.ok());
        EXPECT_EQ(locked.error().code, ErrorCode::Io);
        EXPECT_NE(locked.error().message.find("locked.bin"), std::string::npos);
    }
}

TEST(CreateTorrent, ProgressIsMonotonicSparseAndEndsAtTheTotal) {
    ScratchDir dir;
    writeBytes(dir.path() / "d" / "a.bin", 13 * 1024 * 1024 + 5, 1);
    writeBytes(dir.path() / "d" / "b.bin", 3 * 1024 * 1024, 2);
    std::vector<CreateProgress> calls;
    std::mutex mutex;
    CreateRequest request = requestFor(dir.path() / "d", TorrentVersion::Hybrid, 65536);
    request.threads = 2;
    auto created = createTorrent(request, [&](const CreateProgress& p) {
        std::lock_guard lock(mutex);
        calls.push_back(p);
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
    ASSERT_FALSE(calls.empty());
    const std::int64_t total = 16 * 1024 * 1024 + 5;
    EXPECT_EQ(calls.back().bytesHashed, total);
    for (std::size_t i = 0; i < calls.size(); ++i) {
        EXPECT_EQ(calls[i].totalBytes, total);
        if (i == 0) continue;
        EXPECT_GT(calls[i].bytesHashed, calls[i - 1].bytesHashed);
        if (i + 1 < calls.size()) {
            EXPECT_GE(calls[i].bytesHashed - calls[i - 1].bytesHashed, 4 << 20);
        }
    }
}

TEST(CreateTorrent, CancelStopsWithCancelled) {
    ScratchDir dir;
    writeBytes(dir.path() / "a.bin", 24 * 1024 * 1024, 1);
    std::atomic<bool> cancel{false};
    std::atomic<int> callsAfterCancel{0};
    auto created = createTorrent(
        requestFor(dir.path() / "a.bin", TorrentVersion::V1, 65536),
        [&](const CreateProgress&) {
            if (cancel) ++callsAfterCancel;
            cancel = true;
        },
        &cancel);
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().code, ErrorCode::Cancelled);
    EXPECT_LE(callsAfterCancel.load(), 2);  // threads stop at their next chunk

    std::atomic<bool> already{true};
    auto before = createTorrent(requestFor(dir.path() / "a.bin", TorrentVersion::V2), {}, &already);
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, ErrorCode::Cancelled);
}

TEST(CreateTorrent, FillsTheResultFromTheEncodedTorrent) {
    ScratchDir dir;
    auto data = writeBytes(dir.path() / "movie.mkv", 1000000, 7);
    CreateRequest request = requestFor(dir.path() / "movie.mkv", TorrentVersion::Hybrid, 65536);
    request.sourceTag = "SHOALTEST";
    auto created = createTorrent(request);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(created->name, "movie.mkv");
    EXPECT_EQ(created->totalSize, 1000000);
    EXPECT_EQ(created->numPieces, 16);
    EXPECT_EQ(created->hashes.v1.size(), 40u);
    EXPECT_EQ(created->hashes.v2.size(), 64u);
    EXPECT_EQ(created->magnetUri.rfind("magnet:?xt=urn:btih:" + created->hashes.v1, 0), 0u)
        << created->magnetUri;
    EXPECT_NE(created->magnetUri.find("urn:btmh:1220" + created->hashes.v2), std::string::npos);

    lt::torrent_info info(created->bytes.data(), static_cast<int>(created->bytes.size()));
    std::string infoDict(info.info_section().data(), static_cast<std::size_t>(info.info_section().size()));
    EXPECT_NE(infoDict.find("6:source9:SHOALTEST"), std::string::npos);
    // v1 pieces, hashed here the slow and obvious way.
    for (int piece = 0; piece < info.num_pieces(); ++piece) {
        const int size = info.piece_size(lt::piece_index_t{piece});
        lt::sha1_hash expected = lt::hasher(data.data() + std::int64_t{piece} * 65536, size).final();
        EXPECT_EQ(info.hash_for_piece(lt::piece_index_t{piece}), expected) << piece;
    }
}

TEST(CreateTorrent, FolderListingIsSortedKeepsHiddenFilesAndFollowsSymlinks) {
    ScratchDir dir;
    const fs::path folder = dir.path() / "tree";
    writeBytes(folder / "b" / "z.bin", 3000, 1);
    writeBytes(folder / "a.bin", 2000, 2);
    writeBytes(folder / ".hidden", 1000, 3);
    writeBytes(folder / "b" / "c.bin", 4000, 4);
    fs::create_symlink("a.bin", folder / "link.bin");  // lt::add_files follows links by default
    auto created = createTorrent(requestFor(folder, TorrentVersion::V1, 16384));
    ASSERT_TRUE(created.ok()) << created.error().message;
    lt::torrent_info info(created->bytes.data(), static_cast<int>(created->bytes.size()));
    std::vector<std::string> paths;
    std::vector<std::int64_t> sizes;
    for (lt::file_index_t f : info.files().file_range()) {
        paths.push_back(info.files().file_path(f));
        sizes.push_back(info.files().file_size(f));
    }
    EXPECT_EQ(paths, (std::vector<std::string>{"tree/.hidden", "tree/a.bin", "tree/b/c.bin", "tree/b/z.bin",
                                               "tree/link.bin"}));
    EXPECT_EQ(sizes, (std::vector<std::int64_t>{1000, 2000, 4000, 3000, 2000}));
    EXPECT_EQ(created->numFiles, 5);
    EXPECT_EQ(created->totalSize, 12000);
}

// The end-to-end check: a libtorrent session, pointed at the data, finds every piece valid.
// Returns whether every piece checked out; fails the test if the check never finished.
bool sessionSeeds(const CreatedTorrent& created, const fs::path& savePath) {
    lt::settings_pack settings;
    settings.set_str(lt::settings_pack::listen_interfaces, "127.0.0.1:0");
    settings.set_bool(lt::settings_pack::enable_dht, false);
    settings.set_bool(lt::settings_pack::enable_lsd, false);
    settings.set_bool(lt::settings_pack::enable_upnp, false);
    settings.set_bool(lt::settings_pack::enable_natpmp, false);
    settings.set_int(lt::settings_pack::alert_mask, lt::alert_category::status | lt::alert_category::error);
    lt::session session(settings);
    lt::add_torrent_params params;
    params.ti =
        std::make_shared<lt::torrent_info>(created.bytes.data(), static_cast<int>(created.bytes.size()));
    params.save_path = savePath.string();
    // Not paused: libtorrent 2.0 does not check the files of a paused torrent. Nothing can connect:
    // no trackers, DHT, LSD or UPnP.
    params.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    lt::torrent_handle handle = session.add_torrent(params);

    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    bool checked = false;
    while (!checked && std::chrono::steady_clock::now() < deadline) {
        session.wait_for_alert(std::chrono::milliseconds(200));
        std::vector<lt::alert*> alerts;
        session.pop_alerts(&alerts);
        for (lt::alert* alert : alerts) {
            if (lt::alert_cast<lt::torrent_checked_alert>(alert)) checked = true;
        }
    }
    EXPECT_TRUE(checked) << "no torrent_checked_alert in 30 s";
    lt::torrent_status status = handle.status();
    return checked && status.num_pieces == created.numPieces && status.is_seeding;
}

TEST(CreateTorrent, LibtorrentSessionVerifiesTheData) {
    ScratchDir dir;
    writeBytes(dir.path() / "pack" / "one.bin", 700000, 1);
    writeBytes(dir.path() / "pack" / "two" / "three.bin", 1500, 2);
    writeBytes(dir.path() / "pack" / "empty", 0, 3);
    for (TorrentVersion version : {TorrentVersion::V1, TorrentVersion::V2, TorrentVersion::Hybrid}) {
        auto created = createTorrent(requestFor(dir.path() / "pack", version, 32768));
        ASSERT_TRUE(created.ok()) << created.error().message;
        EXPECT_TRUE(sessionSeeds(*created, dir.path()));
    }
    // And the check is real: one flipped byte and the same torrent is no longer complete.
    auto created = createTorrent(requestFor(dir.path() / "pack", TorrentVersion::Hybrid, 32768));
    ASSERT_TRUE(created.ok()) << created.error().message;
    {
        std::fstream file(dir.path() / "pack" / "one.bin", std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(400000);
        const char byte = static_cast<char>(file.get());
        file.seekp(400000);
        file.put(static_cast<char>(byte ^ 0x5a));
    }
    EXPECT_FALSE(sessionSeeds(*created, dir.path()));
}

}  // namespace
}  // namespace shoal
