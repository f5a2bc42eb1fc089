// Real swarms of in-process LocalSessions on loopback, each peer on its own 127.0.0.N: direct connects,
// a magnet found through the DHT alone, a real tracker, and v2/hybrid torrents.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "shoal/create.h"
#include "shoal/local_session.h"
#include "support/fixtures.h"
#include "support/opentracker.h"

namespace shoal::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// One member of a swarm: a session, its inbox and the endpoint it listens on.
struct Peer {
    // Declared first so it is destroyed last: the session's engine thread pushes into it until shutdown.
    std::unique_ptr<EventQueue> events = std::make_unique<EventQueue>();
    std::unique_ptr<LocalSession> session;
    std::string endpoint;

    bool waitFor(EventType type, TorrentId id, std::chrono::milliseconds timeout) {
        return events->waitFor([&](const Event& e) { return e.type == type && e.id == id; }, timeout).has_value();
    }
};

class LoopbackSwarm : public ::testing::Test {
protected:
    Peer& startPeer(const std::string& ip, const std::function<void(Settings&)>& extra = {}) {
        auto peer = std::make_unique<Peer>();
        LocalSessionOptions options;
        options.profileDir = dir_.path() / ("profile-" + ip);
        options.tickMs = 200;
        options.overrides = [ip, extra](Settings& s) {
            s = loopbackSettings(ip);
            if (extra) extra(s);
        };
        options.eventHandler = peer->events->handler();
        auto session = LocalSession::open(options);
        EXPECT_TRUE(session.ok()) << (session.ok() ? "" : session.error().message);
        peer->session = std::move(session).value();
        auto listening = peer->events->waitFor([](const Event& e) { return e.type == EventType::Listening; }, 10s);
        EXPECT_TRUE(listening.has_value()) << "peer " << ip << " did not listen";
        if (listening) peer->endpoint = listening->message;
        peers_.push_back(std::move(peer));
        return *peers_.back();
    }

    // A folder of files (so multi-file layouts are exercised) and its torrent.
    CreatedTorrent makeTorrent(const std::string& name, std::int64_t size, TorrentVersion version) {
        const fs::path root = dir_.path() / "seed" / name;
        writeRandomFile(root / "part-1.bin", size / 2, 11);
        writeRandomFile(root / "sub" / "part-2.bin", size - size / 2 - 1000, 12);
        writeRandomFile(root / "small.txt", 1000, 13);
        CreateRequest request;
        request.source = root;
        request.version = version;
        request.pieceSize = 256 * 1024;
        auto created = createTorrent(request);
        EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
        return created.ok() ? created.value() : CreatedTorrent{};
    }

    TorrentId seed(Peer& peer, const CreatedTorrent& torrent, std::vector<std::string> trackers = {}) {
        AddRequest request;
        request.torrentBytes = torrent.bytes;
        request.savePath = (dir_.path() / "seed").string();
        request.seedMode = true;  // the data was just written from the same bytes
        request.trackers = std::move(trackers);
        auto id = peer.session->add(request);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return id.ok() ? id.value() : kNoTorrent;
    }

    fs::path leecherDir(const Peer& peer) const { return dir_.path() / ("download-" + peer.endpoint); }

    // Adds the torrent to a leecher that knows only `peers` and `trackers`.
    TorrentId leech(Peer& leecher, const CreatedTorrent& torrent, std::vector<std::string> peers,
                    std::vector<std::string> trackers = {}) {
        AddRequest request;
        request.torrentBytes = torrent.bytes;
        request.savePath = leecherDir(leecher).string();
        request.peers = std::move(peers);
        request.trackers = std::move(trackers);
        auto id = leecher.session->add(request);
        EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
        return id.ok() ? id.value() : kNoTorrent;
    }

    void expectSameTree(const fs::path& downloadRoot, const std::string& name) {
        const fs::path source = dir_.path() / "seed" / name;
        for (const auto& entry : fs::recursive_directory_iterator(source)) {
            if (!entry.is_regular_file()) continue;
            const fs::path copy = downloadRoot / name / fs::relative(entry.path(), source);
            EXPECT_EQ(sha256File(copy), sha256File(entry.path())) << copy;
        }
    }

    TempDir dir_{"shoal-swarm"};
    std::vector<std::unique_ptr<Peer>> peers_;
};

TEST_F(LoopbackSwarm, OneSeederFiveLeechersCompleteAndVerify) {
    const CreatedTorrent torrent = makeTorrent("album", 32 << 20, TorrentVersion::V1);
    Peer& seeder = startPeer("127.0.0.30");
    seed(seeder, torrent);
    std::vector<std::pair<Peer*, TorrentId>> leechers;
    for (int n = 31; n <= 35; ++n) {
        Peer& leecher = startPeer("127.0.0." + std::to_string(n));
        leechers.emplace_back(&leecher, leech(leecher, torrent, {seeder.endpoint}));
    }
    for (auto& [leecher, id] : leechers) {
        ASSERT_TRUE(leecher->waitFor(EventType::Finished, id, 90s)) << leecher->endpoint << " did not finish";
        EXPECT_DOUBLE_EQ(leecher->session->status(id)->progress, 1.0);
        expectSameTree(leecherDir(*leecher), "album");
    }
}

TEST_F(LoopbackSwarm, MagnetFoundThroughDhtAlone) {
    const CreatedTorrent torrent = makeTorrent("dht-only", 8 << 20, TorrentVersion::V1);
    auto withDht = [](const std::string& bootstrap) {
        return [bootstrap](Settings& s) {
            s.enableDht = true;
            s.enableLsd = false;  // else LSD could find the seeder and this would prove nothing
            if (!bootstrap.empty()) s.dhtBootstrapNodes = {bootstrap};
        };
    };
    Peer& bootstrap = startPeer("127.0.0.40", withDht(""));
    Peer& seeder = startPeer("127.0.0.41", withDht(bootstrap.endpoint));
    const TorrentId seeded = seed(seeder, torrent);
    ASSERT_TRUE(seeder.waitFor(EventType::Added, seeded, 10s));
    Peer& leecher = startPeer("127.0.0.42", withDht(bootstrap.endpoint));
    AddRequest request;
    request.magnetUri = torrent.magnetUri;  // no tracker, no peer: only the DHT can find the seeder
    request.savePath = leecherDir(leecher).string();
    auto id = leecher.session->add(request);
    ASSERT_TRUE(id.ok()) << id.error().message;
    ASSERT_TRUE(leecher.waitFor(EventType::MetadataReceived, id.value(), 60s)) << "no metadata through the DHT";
    ASSERT_TRUE(leecher.waitFor(EventType::Finished, id.value(), 60s));
    expectSameTree(leecherDir(leecher), "dht-only");
}

TEST_F(LoopbackSwarm, SwarmThroughOpenTracker) {
    if (!onPath("opentracker")) GTEST_SKIP() << "opentracker not installed (scripts/install-deps.sh installs it)";
    const CreatedTorrent torrent = makeTorrent("tracked", 16 << 20, TorrentVersion::V1);
    OpenTracker tracker("127.0.0.50", {torrent.hashes.v1});
    ASSERT_TRUE(tracker.running());
    Peer& seeder = startPeer("127.0.0.51");
    seed(seeder, torrent, {tracker.announceUrl()});
    std::vector<std::pair<Peer*, TorrentId>> leechers;
    for (int n = 52; n <= 53; ++n) {
        Peer& leecher = startPeer("127.0.0." + std::to_string(n));
        leechers.emplace_back(&leecher, leech(leecher, torrent, {}, {tracker.announceUrl()}));
    }
    for (auto& [leecher, id] : leechers) {
        ASSERT_TRUE(leecher->waitFor(EventType::Finished, id, 60s)) << leecher->endpoint << " found no one";
        expectSameTree(leecherDir(*leecher), "tracked");
    }
}

TEST_F(LoopbackSwarm, V2OnlyAndHybridTorrentsTransfer) {
    for (const auto& [name, version] : {std::pair{std::string("v2-only"), TorrentVersion::V2},
                                        std::pair{std::string("hybrid"), TorrentVersion::Hybrid}}) {
        SCOPED_TRACE(name);
        const CreatedTorrent torrent = makeTorrent(name, 8 << 20, version);
        if (version == TorrentVersion::V2) {
            EXPECT_TRUE(torrent.hashes.v1.empty());
        }
        if (version == TorrentVersion::Hybrid) {
            EXPECT_FALSE(torrent.hashes.v1.empty());
        }
        EXPECT_FALSE(torrent.hashes.v2.empty());
        const std::string n = version == TorrentVersion::V2 ? "56" : "58";
        Peer& seeder = startPeer("127.0.0." + n);
        seed(seeder, torrent);
        Peer& leecher = startPeer("127.0.0." + std::to_string(std::stoi(n) + 1));
        const TorrentId id = leech(leecher, torrent, {seeder.endpoint});
        ASSERT_TRUE(leecher.waitFor(EventType::Finished, id, 60s));
        expectSameTree(leecherDir(leecher), name);
    }
}

// Settings::incompleteSavePath: a download without its own save path lives in the incomplete folder
// until it finishes, then moves to the default save path; the library remembers the final place.
TEST_F(LoopbackSwarm, DownloadsInTheIncompleteFolderThenMovesToTheSavePath) {
    const CreatedTorrent torrent = makeTorrent("moving", 4 << 20, TorrentVersion::V1);
    Peer& seeder = startPeer("127.0.0.50");
    seed(seeder, torrent);
    const fs::path incomplete = dir_.path() / "incomplete", complete = dir_.path() / "complete";
    Peer& leecher = startPeer("127.0.0.51", [&](Settings& s) {
        s.incompleteSavePath = incomplete.string();
        s.defaultSavePath = complete.string();
    });
    AddRequest request;
    request.torrentBytes = torrent.bytes;
    request.peers = {seeder.endpoint};
    auto id = leecher.session->add(request);
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(fs::path(leecher.session->status(*id)->savePath), fs::absolute(incomplete));

    ASSERT_TRUE(leecher.waitFor(EventType::Finished, *id, 60s));
    EXPECT_EQ(leecher.session->status(*id)->totalSize, 4 << 20) << "the size is known without torrent_file on ticks";
    const bool moved = leecher.events
                           ->waitFor([&](const Event&) {
                               return fs::path(leecher.session->status(*id)->savePath) == fs::absolute(complete);
                           }, 30s)
                           .has_value() ||
                       fs::path(leecher.session->status(*id)->savePath) == fs::absolute(complete);
    ASSERT_TRUE(moved) << "still in " << leecher.session->status(*id)->savePath;
    expectSameTree(complete, "moving");
    EXPECT_FALSE(fs::exists(incomplete / "moving" / "part-1.bin"));
}

}  // namespace
}  // namespace shoal::test
