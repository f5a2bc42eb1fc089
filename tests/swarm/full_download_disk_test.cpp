// A download that runs out of disk: the torrent says so (errored, with the system's reason), and once
// there is room again it completes, whether the user starts it again in the same run or after a restart.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "shoal/create.h"
#include "shoal/local_session.h"
#include "support/fixtures.h"
#include "support/small_disk.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr std::int64_t kMiB = 1024 * 1024;
constexpr std::int64_t kPayload = 8 * kMiB;

struct Peer {
    std::unique_ptr<EventQueue> events = std::make_unique<EventQueue>();  // outlives the session
    std::unique_ptr<LocalSession> session;
    std::string endpoint;
};

class FullDownloadDisk : public ::testing::Test {
protected:
    std::unique_ptr<Peer> startPeer(const std::string& ip) {
        auto peer = std::make_unique<Peer>();
        LocalSessionOptions options;
        options.profileDir = dir_.path() / ("profile-" + ip);
        options.tickMs = 200;
        options.overrides = [ip](Settings& s) { s = loopbackSettings(ip); };
        options.eventHandler = peer->events->handler();
        auto session = LocalSession::open(options);
        EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message);
        if (!session.ok()) return nullptr;
        peer->session = std::move(session).value();
        auto listening = peer->events->waitFor([](const Event& e) { return e.type == EventType::Listening; }, 10s);
        EXPECT_TRUE(listening.has_value()) << "peer " << ip << " did not listen";
        if (listening) peer->endpoint = listening->message;
        return peer;
    }

    void SetUp() override {
        writeRandomFile(dir_.path() / "seed" / "payload.bin", kPayload, 21);
        CreateRequest request;
        request.source = dir_.path() / "seed" / "payload.bin";
        request.version = TorrentVersion::V1;
        request.pieceSize = 256 * 1024;
        auto created = createTorrent(request);
        ASSERT_TRUE(created.ok()) << created.error().message;
        torrent_ = created.value();
        seeder_ = startPeer("127.0.0.41");
        ASSERT_TRUE(seeder_);
        AddRequest add;
        add.torrentBytes = torrent_.bytes;
        add.savePath = (dir_.path() / "seed").string();
        add.seedMode = true;
        ASSERT_TRUE(seeder_->session->add(add).ok());
    }

    // Starts the download into `downloads` (on a disk with too little room) and waits until it fails.
    TorrentId downloadUntilDiskFull(Peer& leecher, const fs::path& downloads) {
        AddRequest add;
        add.torrentBytes = torrent_.bytes;
        add.savePath = downloads.string();
        add.peers = {seeder_->endpoint};
        auto id = leecher.session->add(add);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        if (!id.ok()) return kNoTorrent;
        auto errored = leecher.events->waitFor(
            [&](const Event& e) { return e.type == EventType::Errored && e.id == id.value(); }, 60s);
        EXPECT_TRUE(errored.has_value()) << "no error while writing to a full disk";
        if (errored) {
            EXPECT_NE(errored->message.find("No space left"), std::string::npos) << errored->message;
        }
        const auto status = leecher.session->status(id.value());
        EXPECT_TRUE(status && status->state == TorrentState::Errored);
        if (status) {
            EXPECT_NE(status->error.find("No space left"), std::string::npos) << status->error;
        }
        EXPECT_TRUE(status && status->progress < 1.0);
        return id.value();
    }

    bool finishes(Peer& leecher, TorrentId id) {
        return leecher.events
            ->waitFor([&](const Event& e) { return e.type == EventType::Finished && e.id == id; }, 90s)
            .has_value();
    }

    TempDir dir_{"shoal-full-download"};
    CreatedTorrent torrent_;
    std::unique_ptr<Peer> seeder_;
};

TEST_F(FullDownloadDisk, StartingItAgainOnceThereIsRoomCompletesIt) {
    SHOAL_SMALL_DISK(disk, 16 * kMiB);
    disk.fillLeaving(3 * kMiB);
    auto leecher = startPeer("127.0.0.42");
    ASSERT_TRUE(leecher);
    const TorrentId id = downloadUntilDiskFull(*leecher, disk.path());
    ASSERT_NE(id, kNoTorrent);

    disk.free();
    ASSERT_TRUE(leecher->session->resume(id).ok());
    ASSERT_TRUE(finishes(*leecher, id)) << "still stuck after the room came back and it was started again";
    const auto status = leecher->session->status(id);
    ASSERT_TRUE(status.has_value());
    EXPECT_NE(status->state, TorrentState::Errored) << "finished but still shown errored: " << status->error;
    EXPECT_EQ(sha256File(disk.path() / "payload.bin"), sha256File(dir_.path() / "seed" / "payload.bin"));
}

TEST_F(FullDownloadDisk, AfterARestartWithRoomItDownloadsAgain) {
    SHOAL_SMALL_DISK(disk, 16 * kMiB);
    disk.fillLeaving(3 * kMiB);
    TorrentId id = kNoTorrent;
    {
        auto leecher = startPeer("127.0.0.43");
        ASSERT_TRUE(leecher);
        id = downloadUntilDiskFull(*leecher, disk.path());
        ASSERT_NE(id, kNoTorrent);
    }  // shut down in that state: its resume data is saved as it is

    disk.free();
    auto leecher = startPeer("127.0.0.43");
    ASSERT_TRUE(leecher);
    ASSERT_TRUE(leecher->session->status(id).has_value());
    ASSERT_TRUE(leecher->session->connectPeer(id, seeder_->endpoint).ok());
    ASSERT_TRUE(finishes(*leecher, id)) << "the restarted torrent never downloads again";
    EXPECT_EQ(sha256File(disk.path() / "payload.bin"), sha256File(dir_.path() / "seed" / "payload.bin"));
}

}  // namespace
}  // namespace shoal::test
