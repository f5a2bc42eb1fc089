// AddTorrentDialog over a real LocalSession on loopback: a magnet and a .torrent added through the dialog
// reach the session with the options chosen; a magnet's files are shown once its metadata arrives from a
// seeder, and the selection made then is applied to the torrent.
#include <gtest/gtest.h>

#include <QSignalSpy>
#include <fstream>

#include "dialogs/add_torrent_dialog.h"
#include "dialogs/file_selection_tree.h"
#include "gui_support.h"
#include "shoal/create.h"
#include "shoal/metainfo.h"

namespace shoal::test {
namespace {

using gui::AddTorrentDialog;
using gui::SessionBridge;

// A bridge over a session, detached before the session goes away.
struct Attached {
    SessionBridge bridge;
    std::shared_ptr<LocalSession> session;
    explicit Attached(std::shared_ptr<LocalSession> s) : session(std::move(s)) { bridge.attach(session); }
    ~Attached() {
        bridge.waitForIdle(10000);
        bridge.detach();
    }
    std::optional<TorrentStatus> find(const std::string& v1) const {
        for (const TorrentStatus& s : session->torrents()) {
            if (s.hashes.v1 == v1) return s;
        }
        return std::nullopt;
    }
};

// A folder "album" with three files and its v1 .torrent.
std::vector<char> makeFolderTorrent(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir / "album" / "disc2");
    writeRandomFile(dir / "album" / "a.bin", 256 * 1024, 1);
    writeRandomFile(dir / "album" / "b.bin", 128 * 1024, 2);
    writeRandomFile(dir / "album" / "disc2" / "c.bin", 64 * 1024, 3);
    CreateRequest request;
    request.source = dir / "album";
    request.version = TorrentVersion::V1;
    request.pieceSize = 16 * 1024;
    auto created = createTorrent(request);
    if (!created) throw std::runtime_error(created.error().message);
    return created->bytes;
}

int fileIndexOf(const TorrentSummary& summary, const std::string& suffix) {
    for (const FileEntry& f : summary.files) {
        if (f.path.size() >= suffix.size() &&
            f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) == 0)
            return f.index;
    }
    return -1;
}

TEST(AddTorrentDialog, AddsAMagnetToTheSession) {
    TempDir dir;
    Attached a(openGuiSession(dir.path() / "profile"));
    const std::string hash = "0123456789abcdef0123456789abcdef01234567";
    AddTorrentDialog dialog(a.bridge);
    ASSERT_TRUE(dialog.setSource(QString::fromStdString("magnet:?xt=urn:btih:" + hash + "&dn=ubuntu.iso")));
    EXPECT_TRUE(dialog.errorText().isEmpty());
    dialog.setSavePath(QString::fromStdString((dir.path() / "downloads").string()));

    dialog.accept();
    ASSERT_TRUE(waitUntil([&] { return a.find(hash).has_value(); }))
        << "the magnet never reached the session";
    EXPECT_EQ(a.find(hash)->savePath, (dir.path() / "downloads").string());
    // No peer has its metadata: the dialog stays open, waiting to show the files.
    ASSERT_TRUE(waitUntil([&] { return dialog.addedId() != kNoTorrent; }));
    EXPECT_EQ(dialog.addedId(), a.find(hash)->id);
    EXPECT_EQ(dialog.stage(), AddTorrentDialog::Stage::WaitingForMetadata);
    dialog.reject();  // Close keeps the torrent
    EXPECT_TRUE(a.find(hash).has_value());
}

TEST(AddTorrentDialog, ShowsTheOneLineErrorForBadInput) {
    TempDir dir;
    Attached a(openGuiSession(dir.path() / "profile"));
    AddTorrentDialog dialog(a.bridge);
    EXPECT_FALSE(dialog.setSource(QString::fromStdString((dir.path() / "missing.torrent").string())));
    EXPECT_TRUE(dialog.errorText().contains(QStringLiteral("missing.torrent")))
        << dialog.errorText().toStdString();
    EXPECT_FALSE(dialog.setSource(QStringLiteral("magnet:?xt=urn:btih:nothex")));
    EXPECT_FALSE(dialog.errorText().isEmpty());
    dialog.accept();  // nothing to add: stays in Options, adds nothing
    EXPECT_EQ(dialog.stage(), AddTorrentDialog::Stage::Options);
    a.bridge.waitForIdle(5000);
    EXPECT_TRUE(a.session->torrents().empty());
}

TEST(AddTorrentDialog, AddsATorrentFileWithTheChosenFilesAndOptions) {
    TempDir dir;
    const auto bytes = makeFolderTorrent(dir.path() / "src");
    const auto summary = summarizeTorrent(bytes);
    ASSERT_TRUE(summary.ok());
    const std::filesystem::path file = dir.path() / "album.torrent";
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    Attached a(openGuiSession(dir.path() / "profile"));

    AddTorrentDialog dialog(a.bridge);
    ASSERT_TRUE(dialog.setSource(QString::fromStdString(file.string()))) << dialog.errorText().toStdString();
    ASSERT_EQ(dialog.fileTree()->fileCount(), 3);
    const int skipped = fileIndexOf(*summary, "b.bin");
    ASSERT_TRUE(dialog.fileTree()->setFileChecked(skipped, false));
    dialog.setSavePath(QString::fromStdString((dir.path() / "dl").string()));
    const AddRequest request = dialog.buildRequest();
    ASSERT_EQ(request.filePriorities.size(), 3u);
    EXPECT_EQ(request.filePriorities[static_cast<std::size_t>(skipped)], FilePriority::Skip);

    dialog.accept();
    EXPECT_EQ(dialog.stage(), AddTorrentDialog::Stage::Done);
    ASSERT_TRUE(waitUntil([&] { return a.find(summary->hashes.v1).has_value(); }));
    // The files are known once the engine has loaded the torrent.
    Result<TorrentDetails> details = makeError(ErrorCode::NotFound, "");
    ASSERT_TRUE(waitUntil([&] {
        details = a.session->details(a.find(summary->hashes.v1)->id);
        return details.ok() && details->files.size() == 3;
    }));
    for (const FileEntry& f : details->files) {
        EXPECT_EQ(f.priority, f.index == skipped ? FilePriority::Skip : FilePriority::Normal) << f.path;
    }
    EXPECT_EQ(details->status.savePath, (dir.path() / "dl").string());
    // The save path is remembered for the next dialog.
    AddTorrentDialog next(a.bridge);
    EXPECT_EQ(next.savePath().toStdString(), (dir.path() / "dl").string());
}

TEST(AddTorrentDialog, ShowsAMagnetsFilesOnceTheMetadataArrivesAndAppliesTheSelection) {
    TempDir dir;
    const auto bytes = makeFolderTorrent(dir.path() / "src");
    const auto summary = summarizeTorrent(bytes);
    ASSERT_TRUE(summary.ok());
    auto seeder = openGuiSession(dir.path() / "seeder", "127.0.0.2");
    AddRequest seed;
    seed.torrentBytes = bytes;
    seed.savePath = (dir.path() / "src").string();
    seed.seedMode = true;
    ASSERT_TRUE(seeder->add(seed).ok());
    std::string endpoint;
    ASSERT_TRUE(waitUntil([&] {
        const auto endpoints = seeder->totals().listenEndpoints;
        if (!endpoints.empty()) endpoint = endpoints.front();
        return !endpoint.empty();
    }));

    Attached a(openGuiSession(dir.path() / "leecher", "127.0.0.3"));
    AddTorrentDialog dialog(a.bridge);
    QSignalSpy shown(&dialog, &AddTorrentDialog::filesShown);
    // x.pe names the seeder, so the metadata comes without a tracker or the DHT.
    ASSERT_TRUE(dialog.setSource(QString::fromStdString(summary->magnetUri + "&x.pe=" + endpoint)));
    EXPECT_EQ(dialog.fileTree()->fileCount(), 0);
    dialog.setSavePath(QString::fromStdString((dir.path() / "dl").string()));
    dialog.accept();
    ASSERT_TRUE(waitUntil([&] { return shown.count() == 1; }, 60000)) << "the files were never shown";
    ASSERT_EQ(dialog.stage(), AddTorrentDialog::Stage::ChoosingFiles);
    ASSERT_EQ(dialog.fileTree()->fileCount(), 3);
    const int skipped = fileIndexOf(*summary, "c.bin");
    ASSERT_TRUE(dialog.fileTree()->setFileChecked(skipped, false));

    dialog.accept();
    const TorrentId id = dialog.addedId();
    std::string last;  // what the torrent looked like at the last look, for the failure message
    ASSERT_TRUE(waitUntil(
        [&] {
            auto d = a.session->details(id);
            if (!d.ok() || d->files.size() != 3) return false;
            last = "priority " +
                   std::to_string(static_cast<int>(d->files[static_cast<std::size_t>(skipped)].priority)) +
                   ", wanted " + std::to_string(d->status.totalWanted) + ", progress " +
                   std::to_string(d->status.progress) + ", state " + toString(d->status.state);
            return d->files[static_cast<std::size_t>(skipped)].priority == FilePriority::Skip &&
                   d->status.progress >= 1.0;
        },
        30000))
        << "the selection was not applied, or the chosen files did not complete: " << last;
    // (On loopback the whole torrent may arrive before the choice is made: the check is that the
    // choice reaches the torrent, not that unticked data never came.)
    EXPECT_NE(a.session->status(id)->state, TorrentState::Stopped) << "the torrent was left paused";
    EXPECT_EQ(sha256File(dir.path() / "dl" / "album" / "a.bin"),
              sha256File(dir.path() / "src" / "album" / "a.bin"));
}

}  // namespace
}  // namespace shoal::test
