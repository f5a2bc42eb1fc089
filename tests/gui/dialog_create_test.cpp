// CreateTorrentDialog: a small file becomes a valid .torrent that the session seeds; a large job stops
// when cancelled mid-way and leaves no file behind; tracker text becomes tiers.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <algorithm>
#include <fstream>

#include "dialogs/create_torrent_dialog.h"
#include "gui_support.h"
#include "shoal/metainfo.h"

namespace shoal::test {
namespace {

using gui::CreateTorrentDialog;
using gui::SessionBridge;

std::vector<char> readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(CreateTorrentDialog, CreatesATorrentOfASmallFileAndSeedsIt) {
    TempDir dir;
    writeRandomFile(dir.path() / "data" / "notes.bin", 3 * 1024 * 1024 + 17, 5);
    auto session = openGuiSession(dir.path() / "profile");
    SessionBridge bridge;
    bridge.attach(session);

    CreateTorrentDialog dialog(bridge);
    dialog.setSourcePath(QString::fromStdString((dir.path() / "data" / "notes.bin").string()));
    EXPECT_EQ(dialog.outputPath().toStdString(), (dir.path() / "data" / "notes.bin.torrent").string());
    dialog.setVersion(TorrentVersion::Hybrid);
    dialog.setPieceSize(256 * 1024);
    dialog.setTrackersText(
        QStringLiteral("http://a.invalid/announce\nhttp://b.invalid/announce\n\n"
                       "udp://c.invalid:6969/announce\n"));
    dialog.setStartSeeding(true);
    QSignalSpy finished(&dialog, &CreateTorrentDialog::finished);
    dialog.startCreate();
    EXPECT_TRUE(dialog.isRunning());
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 60000));
    EXPECT_FALSE(dialog.isRunning());
    ASSERT_TRUE(finished.front().at(0).toBool()) << finished.front().at(1).toString().toStdString();

    const auto bytes = readFile(dir.path() / "data" / "notes.bin.torrent");
    const auto summary = summarizeTorrent(bytes);
    ASSERT_TRUE(summary.ok()) << summary.error().message;
    EXPECT_EQ(summary->name, "notes.bin");
    EXPECT_EQ(summary->totalSize, 3 * 1024 * 1024 + 17);
    EXPECT_EQ(summary->pieceSize, 256 * 1024);
    EXPECT_FALSE(summary->hashes.v1.empty());
    EXPECT_FALSE(summary->hashes.v2.empty());
    const std::vector<std::vector<std::string>> tiers = {
        {"http://a.invalid/announce", "http://b.invalid/announce"}, {"udp://c.invalid:6969/announce"}};
    // Within a tier the order is the engine's to choose (BEP 12 shuffles it anyway).
    auto sorted = summary->trackerTiers;
    for (auto& tier : sorted) std::sort(tier.begin(), tier.end());
    EXPECT_EQ(sorted, tiers);

    // "Start seeding": the session has it, from the source's folder, complete without a download.
    ASSERT_TRUE(waitUntil([&] {
        for (const TorrentStatus& s : session->torrents()) {
            if (s.hashes.v1 == summary->hashes.v1)
                return s.progress >= 1.0 && s.savePath == (dir.path() / "data").string();
        }
        return false;
    })) << "the new torrent is not seeding from its source";
    bridge.waitForIdle(10000);
    bridge.detach();
}

TEST(CreateTorrentDialog, CancelStopsALargeJobAndLeavesNoFile) {
    TempDir dir;
    // Sparse: no disk writes, but 256 MiB of hashing, far longer than the cancel takes to land.
    const auto big = dir.path() / "big.img";
    std::ofstream(big).close();
    std::filesystem::resize_file(big, 256LL * 1024 * 1024);
    SessionBridge bridge;  // no session: creating needs none, and seeding is off
    CreateTorrentDialog dialog(bridge);
    dialog.setSourcePath(QString::fromStdString(big.string()));
    dialog.setStartSeeding(false);
    QSignalSpy finished(&dialog, &CreateTorrentDialog::finished);
    qint64 hashedAtCancel = -1;
    QObject::connect(&dialog, &CreateTorrentDialog::progressChanged, &dialog, [&](qint64 done, qint64 total) {
        EXPECT_EQ(total, 256LL * 1024 * 1024);
        if (hashedAtCancel < 0) {
            hashedAtCancel = done;
            dialog.cancelCreate();
        }
    });
    dialog.startCreate();
    ASSERT_TRUE(waitUntil([&] { return finished.count() == 1; }, 60000));
    ASSERT_GE(hashedAtCancel, 0) << "no progress was reported";
    EXPECT_FALSE(finished.front().at(0).toBool()) << "the job finished despite the cancel";
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "big.img.torrent"));
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "big.img.torrent.part"));
    EXPECT_FALSE(dialog.isRunning());
}

TEST(CreateTorrentDialog, RefusesAMissingSourceWithAReason) {
    SessionBridge bridge;
    CreateTorrentDialog dialog(bridge);
    QSignalSpy finished(&dialog, &CreateTorrentDialog::finished);
    dialog.setSourcePath(QStringLiteral("/nonexistent/shoal-source"));
    dialog.startCreate();
    ASSERT_EQ(finished.count(), 1);
    EXPECT_FALSE(finished.front().at(0).toBool());
    EXPECT_TRUE(finished.front().at(1).toString().contains(QStringLiteral("/nonexistent/shoal-source")));
}

TEST(CreateTorrentDialog, TrackerTextBlankLinesStartNewTiers) {
    using Tiers = std::vector<std::vector<std::string>>;
    EXPECT_EQ(gui::parseTrackerTiers(QStringLiteral("a\n b \n\n\nc\n")), (Tiers{{"a", "b"}, {"c"}}));
    EXPECT_EQ(gui::parseTrackerTiers(QStringLiteral("\n\n")), Tiers{});
}

}  // namespace
}  // namespace shoal::test
