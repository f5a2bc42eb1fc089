// LabSetup: work folder, payload, opentracker (stopped by its PID with the setup), and a DHT bootstrap
// node that is one more LocalSession with DHT on and no torrents.
#include "lab_setup.h"

#include <arpa/inet.h>
#include <libtorrent/version.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "child_process.h"

namespace shoal::swarm {
namespace fs = std::filesystem;

Result<std::unique_ptr<LabSetup>> LabSetup::create(const Scenario& scenario, const fs::path& workDir,
                                                   const std::string& hubAddress) {
    const auto started = std::chrono::steady_clock::now();
    auto setup = std::unique_ptr<LabSetup>(new LabSetup);
    setup->scenario_ = &scenario;
    setup->hubAddress_ = hubAddress;
    std::error_code ec;
    if (workDir.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = (fs::path(tmp && *tmp ? tmp : "/tmp") / "shoal-swarm-lab.XXXXXX").string();
        if (!::mkdtemp(pattern.data())) return makeError(ErrorCode::Io, "cannot create a work folder in " + pattern);
        setup->workDir_ = pattern;
        setup->ownWorkDir_ = true;
    } else {
        setup->workDir_ = fs::absolute(workDir);
        fs::create_directories(setup->workDir_, ec);
        if (ec) return makeError(ErrorCode::Io, "cannot create " + workDir.string() + ": " + ec.message());
    }
    auto payload = preparePayload(scenario.payload, setup->workDir_);
    if (!payload) return payload.error();
    setup->payload_ = std::move(payload).value();
    if (scenario.discovery == Discovery::Tracker) {
        std::vector<std::string> hashes;
        if (!setup->payload_.hashes.v1.empty()) hashes.push_back(setup->payload_.hashes.v1);
        if (!setup->payload_.hashes.v2.empty()) hashes.push_back(setup->payload_.hashes.v2.substr(0, 40));
        const std::string at = hubAddress.empty() ? setup->peerAddress(-8) : hubAddress;
        auto tracker = Tracker::start(at, hashes, setup->workDir_ / "tracker" / "root");
        if (!tracker) return tracker.error();
        setup->tracker_ = std::move(tracker).value();
    }
    if (scenario.discovery == Discovery::Dht) {
        if (auto started = setup->startDhtBootstrap(); !started) return started.error();
    }
    setup->seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return setup;
}

LabSetup::~LabSetup() {
    if (bootstrap_) bootstrap_->shutdown();
    bootstrap_.reset();
    tracker_.reset();  // stops opentracker by its PID
    std::error_code ec;
    if (ownWorkDir_) fs::remove_all(workDir_, ec);
}

Result<void> LabSetup::startDhtBootstrap() {
    // Shared with the session's handler, which may still run after this function returns.
    struct Listen {
        std::mutex mutex;
        std::condition_variable cv;
        std::string endpoint;
    };
    auto listen = std::make_shared<Listen>();
    LocalSessionOptions options;
    options.profileDir = workDir_ / "dht-bootstrap";
    const std::string address = hubAddress_.empty() ? peerAddress(-7) : hubAddress_;
    options.overrides = [address](Settings& s) {
        s.listenInterfaces = address + ":0";
        s.outgoingInterfaces = address;
        s.enableDht = true;
        s.dhtBootstrapNodes.clear();  // it is the one the others start from
        s.enableLsd = false;
        s.enableUpnp = false;
        s.enableUtp = false;
        s.allowMultipleConnectionsPerIp = true;
        s.aioThreads = 1;
        s.hashingThreads = 1;
    };
    options.eventHandler = [listen](const Event& e) {
        if (e.type != EventType::Listening) return;
        std::lock_guard lock(listen->mutex);
        if (listen->endpoint.empty()) listen->endpoint = e.message;
        listen->cv.notify_all();
    };
    auto session = LocalSession::open(std::move(options));
    if (!session) return session.error();
    bootstrap_ = std::move(session).value();
    std::unique_lock lock(listen->mutex);
    if (!listen->cv.wait_for(lock, std::chrono::seconds(10), [&] { return !listen->endpoint.empty(); }))
        return makeError(ErrorCode::Network, "the DHT bootstrap node did not listen on " + address);
    bootstrapEndpoint_ = listen->endpoint;
    return {};
}

JoinContext LabSetup::context() const {
    JoinContext ctx;
    ctx.scenario = scenario_;
    ctx.payload = &payload_;
    if (tracker_) ctx.trackerUrl = tracker_->announceUrl();
    ctx.dhtBootstrap = bootstrapEndpoint_;
    return ctx;
}

std::string LabSetup::peerAddress(int index) const {
    in_addr base{};
    ::inet_pton(AF_INET, scenario_->baseAddress.c_str(), &base);
    in_addr addr{};
    addr.s_addr = htonl(ntohl(base.s_addr) + 10 + static_cast<std::uint32_t>(index));
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &addr, text, sizeof text);
    return text;
}

std::vector<std::string> LabSetup::infrastructure() const {
    std::vector<std::string> out;
    if (tracker_) out.push_back("opentracker pid " + std::to_string(tracker_->pid()) + " at " + tracker_->announceUrl());
    if (bootstrap_) out.push_back("DHT bootstrap node (shoal session) at " + bootstrapEndpoint_);
    return out;
}

std::map<std::string, std::string> LabSetup::versions() const {
    std::map<std::string, std::string> v;
    v["shoal"] = SHOAL_VERSION;
    v["libtorrent"] = lt::version();
    v["nlohmann_json"] = std::to_string(NLOHMANN_JSON_VERSION_MAJOR) + "." + std::to_string(NLOHMANN_JSON_VERSION_MINOR) +
                         "." + std::to_string(NLOHMANN_JSON_VERSION_PATCH);
    // Other clients say who they are on their first line ("transmission-cli 3.00 (bb6b5a062e)").
    for (const auto& g : scenario_->groups) {
        const std::string program = toString(g.client);
        if (g.client == Client::Shoal || v.count(program)) continue;
        ChildProcess probe({program, "--version"}, workDir_ / (program + "-version.txt"));
        for (int i = 0; i < 100 && probe.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        const std::string text = probe.logText();
        v[program] = text.substr(0, text.find('\n'));
    }
    return v;
}

}  // namespace shoal::swarm
