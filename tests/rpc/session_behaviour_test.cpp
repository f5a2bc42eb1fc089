// One behavioural suite run over both Session implementations: LocalSession in-process, and
// RemoteSession talking to a LocalSession through the RPC. Code written against Session must not be able
// to tell them apart.
#include "rpc_fixture.h"
#include "shoal/remote_session.h"

namespace shoal::test {
namespace {

// The session under test, its events, and where torrent data lives.
class LocalBackend {
public:
    LocalBackend() {
        std::filesystem::create_directories(data());
        LocalSessionOptions options;
        options.profileDir = dir_.path() / "profile";
        options.tickMs = 100;
        options.overrides = [d = data().string()](Settings& s) {
            useLoopback(s, "127.0.0.1");
            s.defaultSavePath = d;
        };
        options.eventHandler = events_.handler();
        auto opened = LocalSession::open(options);
        if (!opened) throw std::runtime_error(opened.error().message);
        local_ = std::move(opened).value();
    }
    virtual ~LocalBackend() { local_->shutdown(); }
    virtual Session& session() { return *local_; }
    EventQueue& events() { return events_; }
    std::filesystem::path data() const { return dir_.path() / "data"; }
    TempDir& dir() { return dir_; }

protected:
    TempDir dir_{"shoal-behaviour"};
    EventQueue events_;
    EventQueue localEvents_;
    std::unique_ptr<LocalSession> local_;
};

class RemoteBackend : public LocalBackend {
public:
    RemoteBackend() {
        RpcServerOptions rpc;
        rpc.port = 0;
        auto started = RpcServer::start(*local_, rpc);
        if (!started) throw std::runtime_error(started.error().message);
        server_ = std::move(started).value();
        RemoteSessionOptions options;
        options.url = "http://127.0.0.1:" + std::to_string(server_->port()) + "/transmission/rpc";
        options.pollMs = 100;
        options.eventHandler = remoteEvents_.handler();
        auto connected = RemoteSession::connect(options);
        if (!connected) throw std::runtime_error(connected.error().message);
        remote_ = std::move(connected).value();
    }
    ~RemoteBackend() override {
        remote_->close();
        server_->stop();
    }
    Session& session() override { return *remote_; }
    EventQueue& events() { return remoteEvents_; }

private:
    std::unique_ptr<RpcServer> server_;
    EventQueue remoteEvents_;
    std::unique_ptr<RemoteSession> remote_;
};

template <class Backend>
class SessionBehaviour : public ::testing::Test {
protected:
    Session& session() { return backend_.session(); }
    EventQueue& events() { return backend_.events(); }

    AddRequest seededRequest(const std::string& name) {
        const CreatedTorrent t = makeTorrent(backend_.data(), name, 64 * 1024);
        AddRequest request;
        request.torrentBytes = t.bytes;
        request.savePath = backend_.data().string();
        return request;
    }

    std::optional<Event> waitFor(EventType type, TorrentId id) {
        return events().waitFor(
            [&](const Event& e) {
                return e.type == type &&
                       (e.id == id || std::find(e.ids.begin(), e.ids.end(), id) != e.ids.end());
            },
            std::chrono::seconds(10));
    }

    bool stateBecomes(TorrentId id, std::initializer_list<TorrentState> states) {
        return eventually([&] {
            const auto s = session().status(id);
            return s && std::find(states.begin(), states.end(), s->state) != states.end();
        });
    }

    Backend backend_;
};

using Backends = ::testing::Types<LocalBackend, RemoteBackend>;
TYPED_TEST_SUITE(SessionBehaviour, Backends);

TYPED_TEST(SessionBehaviour, AddGivesAnIdAStatusAndAnAddedEvent) {
    auto added = this->session().add(this->seededRequest("add.bin"));
    ASSERT_TRUE(added.ok()) << added.error().message;
    const auto status = this->session().status(added.value());
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->name, "add.bin");
    EXPECT_TRUE(this->waitFor(EventType::Added, added.value()).has_value());
    // Adding it again gives the same id.
    auto again = this->session().add(this->seededRequest("add.bin"));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again.value(), added.value());
}

TYPED_TEST(SessionBehaviour, PauseAndResumeChangeTheState) {
    const TorrentId id = this->session().add(this->seededRequest("pause.bin")).value();
    ASSERT_TRUE(this->stateBecomes(id, {TorrentState::Seeding}));
    ASSERT_TRUE(this->session().pause(id).ok());
    EXPECT_TRUE(this->stateBecomes(id, {TorrentState::Stopped, TorrentState::Completed}));
    ASSERT_TRUE(this->session().resume(id).ok());
    EXPECT_TRUE(this->stateBecomes(id, {TorrentState::Seeding}));
    ASSERT_TRUE(this->session().recheck(id).ok());
    EXPECT_TRUE(this->stateBecomes(id, {TorrentState::Seeding}));
}

TYPED_TEST(SessionBehaviour, TorrentOptionsReachTheStatusWithAChangedEvent) {
    const TorrentId id = this->session().add(this->seededRequest("opts.bin")).value();
    ASSERT_TRUE(this->waitFor(EventType::Added, id));
    ASSERT_TRUE(this->session().setTags(id, {"a", "b"}).ok());
    ASSERT_TRUE(this->session().setCategory(id, "linux").ok());
    ASSERT_TRUE(this->session().setLimits(id, 100000, 50000).ok());
    ASSERT_TRUE(this->session().setSequential(id, true).ok());
    ASSERT_TRUE(this->session().setSeedingGoals(id, 2.5, std::int64_t{600}).ok());
    EXPECT_TRUE(this->waitFor(EventType::Changed, id).has_value());
    EXPECT_TRUE(eventually([&] {
        const auto s = this->session().status(id);
        return s && s->tags == std::vector<std::string>{"a", "b"} && s->category == "linux" &&
               s->downloadLimit == 100000 && s->uploadLimit == 50000 && s->sequential &&
               s->ratioGoal == 2.5 && s->seedTimeGoalSeconds == 600;
    }));
}

TYPED_TEST(SessionBehaviour, DetailsListFilesAndPriorities) {
    const TorrentId id = this->session().add(this->seededRequest("details.bin")).value();
    ASSERT_TRUE(this->stateBecomes(id, {TorrentState::Seeding}));
    auto details = this->session().details(id);
    ASSERT_TRUE(details.ok()) << details.error().message;
    ASSERT_EQ(details->files.size(), 1u);
    EXPECT_EQ(details->files[0].path, "details.bin");
    EXPECT_EQ(details->numPieces, 4);
    ASSERT_TRUE(this->session().setFilePriorities(id, {FilePriority::High}).ok());
    EXPECT_TRUE(eventually([&] {
        auto d = this->session().details(id);
        return d && d->files.size() == 1 && d->files[0].priority == FilePriority::High;
    }));
}

TYPED_TEST(SessionBehaviour, TrackersCanBeAddedAndReplaced) {
    const TorrentId id = this->session().add(this->seededRequest("trackers.bin")).value();
    ASSERT_TRUE(this->stateBecomes(id, {TorrentState::Seeding}));
    const auto urls = [&] {
        std::vector<std::string> out;
        if (auto d = this->session().details(id))
            for (const auto& t : d->trackers) out.push_back(t.url);
        return out;
    };
    ASSERT_TRUE(this->session().addTrackers(id, {"http://127.0.0.1:1/announce"}).ok());
    EXPECT_TRUE(eventually([&] { return urls() == std::vector<std::string>{"http://127.0.0.1:1/announce"}; }));
    const std::vector<std::string> replaced{"http://127.0.0.1:2/announce", "http://127.0.0.1:3/announce"};
    ASSERT_TRUE(this->session().replaceTrackers(id, replaced).ok());
    EXPECT_TRUE(eventually([&] { return urls() == replaced; })) << urls().size();
}

TYPED_TEST(SessionBehaviour, RemoveSendsRemovedAndForgetsTheTorrent) {
    const TorrentId id = this->session().add(this->seededRequest("gone.bin")).value();
    ASSERT_TRUE(this->waitFor(EventType::Added, id));
    ASSERT_TRUE(this->session().remove(id, RemoveMode::KeepData).ok());
    EXPECT_TRUE(this->waitFor(EventType::Removed, id).has_value());
    EXPECT_TRUE(eventually([&] { return !this->session().status(id).has_value(); }));
    EXPECT_TRUE(this->session().torrents().empty());
}

TYPED_TEST(SessionBehaviour, UnknownIdsAndBadInputAreErrorsWithTheSameCodes) {
    EXPECT_EQ(this->session().pause(4242).error().code, ErrorCode::NotFound);
    EXPECT_EQ(this->session().remove(4242, RemoveMode::KeepData).error().code, ErrorCode::NotFound);
    EXPECT_EQ(this->session().details(4242).error().code, ErrorCode::NotFound);
    EXPECT_FALSE(this->session().status(4242).has_value());
    AddRequest garbage;
    garbage.torrentBytes = {'n', 'o', 't'};
    EXPECT_EQ(this->session().add(garbage).error().code, ErrorCode::BadInput);
}

TYPED_TEST(SessionBehaviour, SettingsRoundTripAndInvalidOnesAreRefused) {
    Settings s = this->session().settings();
    s.uploadLimit = 123456;
    s.activeDownloads = 7;
    ASSERT_TRUE(this->session().applySettings(s).ok());
    EXPECT_EQ(this->session().settings().uploadLimit, 123456);
    EXPECT_EQ(this->session().settings().activeDownloads, 7);
    Settings bad = s;
    bad.connectionsLimit = -5;
    EXPECT_EQ(this->session().applySettings(bad).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(this->session().settings().uploadLimit, 123456);
}

// The backend runs with DHT forced off by its overrides while the stored setting is the default, on.
TYPED_TEST(SessionBehaviour, EffectiveSettingsCarryTheOverridesAndApplyKeepsThemOut) {
    EXPECT_TRUE(this->session().settings().enableDht);
    EXPECT_FALSE(this->session().effectiveSettings().enableDht);
    Settings s = this->session().settings();
    s.uploadLimit = 65536;
    ASSERT_TRUE(this->session().applySettings(s).ok());
    EXPECT_TRUE(this->session().settings().enableDht) << "an override was stored";
    EXPECT_FALSE(this->session().effectiveSettings().enableDht);
    EXPECT_EQ(this->session().effectiveSettings().uploadLimit, 65536) << "a stored change did not take effect";
}

TYPED_TEST(SessionBehaviour, TotalsNameTheListenSocket) {
    EXPECT_TRUE(eventually([&] { return !this->session().totals().listenEndpoints.empty(); }));
}

}  // namespace
}  // namespace shoal::test
