// A lab member that is an in-process LocalSession on its own 127.x address and profile. Leaving shuts the
// session down (resume data saved); rejoining opens the same profile, which re-adds the torrent.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

#include "member.h"
#include "shoal/local_session.h"

namespace shoal::swarm {
namespace {

using namespace std::chrono_literals;

class ShoalMember final : public Member {
public:
    explicit ShoalMember(MemberSpec spec)
        : spec_(std::move(spec)),
          id_(spec_.carried.torrent),
          port_(spec_.carried.port),
          downBefore_(spec_.carried.downloaded),
          upBefore_(spec_.carried.uploaded),
          wastedBefore_(spec_.carried.wasted) {}
    ~ShoalMember() override { leave(); }

    Result<void> join(const JoinContext& ctx) override {
        const Scenario& sc = *ctx.scenario;
        const Group& g = *spec_.group;
        {
            std::lock_guard lock(mutex_);
            endpoint_.clear();
            added_ = false;
        }
        LocalSessionOptions options;
        options.profileDir = spec_.dir / "profile";
        options.tickMs = 200;
        const std::string listen = spec_.address + ":" + std::to_string(port_);
        const std::string bootstrap = ctx.dhtBootstrap;
        options.overrides = [&sc, &g, listen, address = spec_.address, bootstrap,
                             save = (spec_.dir / "download").string()](Settings& s) {
            // Every peer on its own address, leaving from it too (docs/libtorrent-notes.md: Addresses).
            s.listenInterfaces = listen;
            s.outgoingInterfaces = address;
            s.enableUtp = sc.utp;
            s.utpOutgoing = sc.utp;
            s.encryption = sc.encryption;
            s.enableDht = sc.discovery == Discovery::Dht;
            // A leecher that asked the DHT before the seeder's announce landed would wait 15 min to ask
            // again; in the lab every peer asks every 2 s.
            s.dhtAnnounceIntervalSeconds = 2;
            s.dhtBootstrapNodes.clear();
            if (!bootstrap.empty()) s.dhtBootstrapNodes.push_back(bootstrap);
            s.enableLsd = false;  // LSD works on loopback: left on, it would find everyone
            s.enableUpnp = false;
            s.enablePex = sc.pex;
            s.allowMultipleConnectionsPerIp = true;
            s.queueingEnabled = false;
            if (g.connectionsLimit > 0) s.connectionsLimit = g.connectionsLimit;
            // Dozens of sessions share two cores: more disk and hashing threads per session only add
            // context switches.
            s.aioThreads = 2;
            s.hashingThreads = 1;
            s.defaultSavePath = save;
        };
        options.eventHandler = [this](const Event& e) { onEvent(e); };
        auto opened = LocalSession::open(std::move(options));
        if (!opened) return opened.error();
        session_ = std::move(opened).value();
        std::unique_lock lock(mutex_);
        if (!cv_.wait_for(lock, 10s, [&] { return !endpoint_.empty(); })) {
            lock.unlock();
            leave();
            return makeError(ErrorCode::Network, spec_.name + " did not listen on " + listen);
        }
        // Come back on the same port, as a restarted client does; libtorrent may move if it is taken.
        port_ = std::stoi(endpoint_.substr(endpoint_.rfind(':') + 1));
        lock.unlock();
        if (id_ != kNoTorrent) return rejoin(ctx);
        return addTorrent(ctx);
    }

    void leave() override {
        if (!session_) return;
        // Leave as a client that quits does: stop the torrent (connections close), then shut down.
        if (id_ != kNoTorrent && session_->pause(id_)) {
            waitUntil([&] {
                auto st = session_->status(id_);
                return !st || st->state == TorrentState::Stopped || st->state == TorrentState::Completed ||
                       st->state == TorrentState::Errored;
            }, 2s);
        }
        MemberSample last = sample();
        // The shutdown reads every torrent's counters one last time after the session stopped, so the
        // snapshot it leaves holds every byte of this run, also the blocks that arrived while it stopped
        // (the counters never go back, so this reading is the largest).
        session_->shutdown();
        if (id_ != kNoTorrent) {
            if (auto st = session_->status(id_)) {
                const MemberSample closing = sampleOf(*st);
                last.downloaded = std::max(last.downloaded, closing.downloaded);
                last.uploaded = std::max(last.uploaded, closing.uploaded);
                last.wasted = std::max(last.wasted, closing.wasted);
                last.progress = closing.progress;
                last.complete = closing.complete;
            }
        }
        last_ = last;
        session_.reset();
        // The next run counts from zero again.
        downBefore_ = std::max<std::int64_t>(0, last.downloaded);
        upBefore_ = std::max<std::int64_t>(0, last.uploaded);
        wastedBefore_ = last.wasted;
        std::lock_guard lock(mutex_);
        endpoint_.clear();
    }

    bool online() const override { return session_ != nullptr; }

    std::string endpoint() const override {
        std::lock_guard lock(mutex_);
        return endpoint_;
    }

    MemberSample sample() override {
        if (!session_) {
            MemberSample s = last_;
            s.downloadRate = s.uploadRate = s.peers = 0;
            return s;
        }
        auto st = session_->status(id_);
        if (!st) return last_;
        last_ = sampleOf(*st);
        return last_;
    }

    std::vector<MemberNote> drainNotes() override {
        std::lock_guard lock(mutex_);
        return std::exchange(notes_, {});
    }

    void connectTo(const std::string& endpoint) override {
        if (session_ && id_ != kNoTorrent) (void)session_->connectPeer(id_, endpoint);
    }

    void stall(int rate) override {
        if (session_ && id_ != kNoTorrent) (void)session_->setLimits(id_, spec_.group->downloadLimit, rate);
    }

    std::filesystem::path downloadParent() const override { return spec_.dir / "download"; }
    std::vector<int> corruptedPieces() const override { return corrupted_; }
    TorrentId torrentId() const override { return id_; }

private:
    MemberSample sampleOf(const TorrentStatus& st) const {
        MemberSample s;
        s.progress = st.progress;
        // This run's counters plus the earlier runs'.
        s.downloaded = downBefore_ + st.downloadedThisRun;
        s.uploaded = upBefore_ + st.uploadedThisRun;
        s.wasted = wastedBefore_ + st.wasted;
        s.downloadRate = st.downloadRate;
        s.uploadRate = st.uploadRate;
        s.peers = st.peers;
        s.complete = st.hasMetadata && st.progress >= 1.0;
        return s;
    }

    void onEvent(const Event& e) {
        std::lock_guard lock(mutex_);
        const double at = spec_.clock ? spec_.clock() : 0;
        switch (e.type) {
            case EventType::Listening:
                if (endpoint_.empty()) endpoint_ = e.message;
                break;
            case EventType::Added: added_ = true; break;
            case EventType::Finished: notes_.push_back({MemberNote::Kind::Finished, at, {}}); break;
            case EventType::HashFailed: notes_.push_back({MemberNote::Kind::HashFailed, at, e.message}); break;
            case EventType::PeerBanned: notes_.push_back({MemberNote::Kind::Banned, at, e.message}); break;
            case EventType::MetadataReceived: notes_.push_back({MemberNote::Kind::Metadata, at, {}}); break;
            default: break;
        }
        cv_.notify_all();
    }

    Result<void> addTorrent(const JoinContext& ctx) {
        const Group& g = *spec_.group;
        const bool dht = ctx.scenario->discovery == Discovery::Dht;
        AddRequest request;
        request.downloadLimit = g.downloadLimit;
        request.uploadLimit = g.uploadLimit;
        request.peers = ctx.peers;
        if (!ctx.trackerUrl.empty()) request.trackers = {ctx.trackerUrl};
        if (g.role == Role::Leecher) {
            // Through the DHT a leecher starts from the magnet alone: the metadata must come from peers.
            if (dht) request.magnetUri = ctx.payload->magnetUri;
            else request.torrentBytes = ctx.payload->torrentBytes;
            request.savePath = downloadParent().string();
        } else if (g.fault.kind == FaultKind::Corrupt) {
            // Its own copy, checked in full when added (not seed mode: libtorrent would hash each piece
            // before its first upload and drop the bad ones), then spoiled in place.
            const auto data = spec_.dir / "data";
            if (auto copied = copyPayload(*ctx.payload, data); !copied) return copied.error();
            request.torrentBytes = ctx.payload->torrentBytes;
            request.savePath = data.string();
        } else {
            request.torrentBytes = ctx.payload->torrentBytes;
            request.savePath = ctx.payload->savePath.string();
            request.seedMode = true;  // the lab just wrote (or read) these very bytes
        }
        auto id = session_->add(request);
        if (!id) return id.error();
        id_ = id.value();
        if (g.fault.kind != FaultKind::Corrupt) return {};
        if (!waitUntil([&] {
                auto st = session_->status(id_);
                return st && st->state == TorrentState::Seeding;
            }, 60s))
            return makeError(ErrorCode::Timeout, spec_.name + ": its copy of the data did not check as complete");
        auto spoiled = corruptPieces(*ctx.payload, spec_.dir / "data", g.fault.pieces, spec_.seed);
        if (!spoiled) return spoiled.error();
        corrupted_ = spoiled.value();
        return {};
    }

    Result<void> rejoin(const JoinContext& ctx) {
        // The library re-adds the torrent under the same id; named peers are connected once it is back.
        waitUntil([&] { return added_.load(); }, 10s);
        (void)session_->resume(id_);  // it was stopped when it left
        for (const auto& peer : ctx.peers) connectTo(peer);
        return {};
    }

    // Waits, on this member's events (status changes every tick), until `done` holds or the time is up.
    template <class F>
    bool waitUntil(F done, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            lock.unlock();
            const bool ok = done();
            lock.lock();
            if (ok) return true;
            if (cv_.wait_until(lock, deadline) == std::cv_status::timeout) return false;
        }
    }

    MemberSpec spec_;
    std::unique_ptr<LocalSession> session_;
    TorrentId id_ = kNoTorrent;
    int port_ = 0;
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::string endpoint_;
    std::atomic<bool> added_{false};
    std::vector<MemberNote> notes_;
    std::vector<int> corrupted_;
    MemberSample last_;
    std::int64_t downBefore_ = 0;
    std::int64_t upBefore_ = 0;
    std::int64_t wastedBefore_ = 0;
};

}  // namespace

std::unique_ptr<Member> makeShoalMember(const MemberSpec& spec) { return std::make_unique<ShoalMember>(spec); }

}  // namespace shoal::swarm
