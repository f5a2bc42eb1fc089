// The lab runner: set-up (payload, tracker or DHT bootstrap), the timeline loop (joins, leaves, churn,
// stalls), sampling, and the end (verification, shutdown of every member, the report files).
#include "shoal/swarm/lab.h"

#include <arpa/inet.h>
#include <signal.h>

#include <algorithm>
#include <fstream>
#include <future>
#include <random>
#include <thread>

#include "lab_record.h"
#include "lab_setup.h"
#include "network_namespaces.h"
#include "shoal/swarm/host_tools.h"

namespace shoal::swarm {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::unique_ptr<Member> makeMember(const MemberSpec& spec, const std::optional<PeerProcessOptions>& processes) {
    switch (spec.group->client) {
        case Client::Shoal: return processes ? makeProcessMember(spec, *processes) : makeShoalMember(spec);
        case Client::Aria2c: return makeAria2cMember(spec);
        case Client::Transmission: return makeTransmissionMember(spec);
    }
    return nullptr;
}

struct Slot {
    std::unique_ptr<Member> member;
    const Group* group = nullptr;
    double joinAt = 0;
    std::optional<double> leaveAt;    // for good
    std::optional<double> rejoinAt;   // churn
    std::optional<double> stallAt;
    bool gone = false;                // left for good
};

class Lab {
public:
    Lab(const Scenario& s, const LabOptions& o, LabSetup& setup, const NetworkNamespaces* netns)
        : sc_(s), opt_(o), setup_(setup), netns_(netns) {}

    Result<LabOutcome> run();

private:
    double now() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }
    void emit(nlohmann::json event);
    Result<void> joinBatch(const std::vector<std::size_t>& batch, double t);
    void leave(std::size_t i, double t, bool forGood);
    void churn(double t);
    void drainAndSample(double t, bool sampleNow);
    bool allLeechersDone() const;
    void finish();

    const Scenario& sc_;
    const LabOptions& opt_;
    LabSetup& setup_;
    const NetworkNamespaces* netns_;  // null: peers on 127.x addresses of this namespace
    std::vector<Slot> slots_;
    LabRecord record_;
    std::ofstream events_;
    Clock::time_point start_;
    std::mt19937_64 random_;
    std::map<const Group*, double> nextChurn_;
    std::map<std::string, std::size_t> byAddress_;
    double lastProgressEvent_ = -1;
};

void Lab::emit(nlohmann::json event) {
    event["t"] = std::round(now() * 1000) / 1000;
    events_ << event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    if (opt_.onEvent) opt_.onEvent(event);
}

Result<void> Lab::joinBatch(const std::vector<std::size_t>& batch, double t) {
    JoinContext ctx = setup_.context();
    ctx.now = t;
    for (const auto& slot : slots_) {
        if (slot.member->online()) ctx.peers.push_back(slot.member->endpoint());
    }
    if (sc_.discovery != Discovery::Direct) ctx.peers.clear();
    // Sessions start in parallel: opening one (library, engine thread, listen) takes tens of ms.
    std::vector<std::future<Result<void>>> started;
    for (std::size_t i : batch) {
        started.push_back(std::async(std::launch::async, [&, i] { return slots_[i].member->join(ctx); }));
    }
    std::optional<Error> failed;
    for (std::size_t k = 0; k < batch.size(); ++k) {
        auto r = started[k].get();
        if (!r && !failed) failed = r.error();
    }
    if (failed) return *failed;
    for (std::size_t k = 0; k < batch.size(); ++k) {
        Slot& slot = slots_[batch[k]];
        PeerRecord& rec = record_.peers[batch[k]];
        rec.online.push_back({t, -1});
        if (slot.group->fault.kind == FaultKind::Stall && !slot.stallAt) slot.stallAt = t + slot.group->fault.after;
        if (rec.corruptedPieces.empty()) rec.corruptedPieces = slot.member->corruptedPieces();
        nlohmann::json joined = {{"event", "peer_joined"}, {"peer", rec.name}, {"address", slot.member->endpoint()},
                                 {"rejoin", rec.online.size() > 1}};
        if (const int pid = slot.member->processId()) joined["pid"] = pid;
        emit(std::move(joined));
        // Other clients take no peer list, and transmission-cli never dials a 127.x peer it hears of from
        // a tracker: every online shoal member dials them instead (with a tracker, the shoal peers that
        // announced before them would otherwise wait a whole announce interval to learn of them).
        if (slot.group->client != Client::Shoal && sc_.discovery != Discovery::Dht) {
            for (auto& other : slots_) {
                if (other.member->online() && &other != &slot && other.group->client == Client::Shoal)
                    other.member->connectTo(slot.member->endpoint());
            }
        }
        if (sc_.discovery != Discovery::Direct) continue;
        // Direct discovery: members of one batch did not know each other's endpoints; the later one dials.
        for (std::size_t j = 0; j < k; ++j) slot.member->connectTo(slots_[batch[j]].member->endpoint());
    }
    return {};
}

void Lab::leave(std::size_t i, double t, bool forGood) {
    Slot& slot = slots_[i];
    slot.member->leave();
    auto& rec = record_.peers[i];
    if (!rec.online.empty()) rec.online.back().second = t;
    if (forGood) slot.gone = true;
    emit({{"event", "peer_left"}, {"peer", rec.name}, {"for_good", forGood}});
}

void Lab::churn(double t) {
    for (auto& [group, next] : nextChurn_) {
        if (t < next) continue;
        next += group->churn.interval;
        std::vector<std::size_t> online;
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            if (slots_[i].group == group && slots_[i].member->online() && !slots_[i].leaveAt) online.push_back(i);
        }
        if (online.empty()) continue;
        const auto k = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(group->churn.fraction * online.size())));
        std::shuffle(online.begin(), online.end(), random_);
        online.resize(std::min(k, online.size()));
        // They leave together: each stops its torrent and waits a tick for its last counters.
        std::vector<std::future<void>> leaving;
        for (std::size_t i : online) leaving.push_back(std::async(std::launch::async, [this, i] { slots_[i].member->leave(); }));
        for (auto& f : leaving) f.get();
        for (std::size_t i : online) {
            leave(i, t, false);  // records it (the member is already offline)
            slots_[i].rejoinAt = t + group->churn.downtime;
        }
    }
}

void Lab::drainAndSample(double t, bool sampleNow) {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        PeerRecord& rec = record_.peers[i];
        for (const auto& note : slots_[i].member->drainNotes()) {
            switch (note.kind) {
                case MemberNote::Kind::Finished:
                    if (rec.role == Role::Leecher && !rec.completedAt) {
                        rec.completedAt = note.at;
                        emit({{"event", "peer_finished"}, {"peer", rec.name},
                              {"seconds", note.at - rec.online.front().first}});
                    }
                    break;
                case MemberNote::Kind::HashFailed:
                    ++rec.hashFailures;
                    emit({{"event", "hash_failed"}, {"peer", rec.name}, {"piece", std::stoi(note.detail)}});
                    break;
                case MemberNote::Kind::Banned: {
                    rec.banned.push_back(note.detail);
                    const std::string ip = note.detail.substr(0, note.detail.rfind(':'));
                    auto found = byAddress_.find(ip);
                    std::string whom = found == byAddress_.end() ? note.detail : record_.peers[found->second].name;
                    if (found != byAddress_.end()) record_.peers[found->second].bannedBy.push_back(rec.name);
                    emit({{"event", "peer_banned"}, {"peer", rec.name}, {"banned", whom}, {"endpoint", note.detail}});
                    break;
                }
                case MemberNote::Kind::Metadata: break;
                case MemberNote::Kind::Crashed:
                    // Its process died unasked: the run goes on without it (it does not come back).
                    rec.crashed = note.detail;
                    if (!rec.online.empty()) rec.online.back().second = note.at;
                    slots_[i].gone = true;
                    slots_[i].rejoinAt.reset();
                    slots_[i].member->leave();  // reaps it
                    emit({{"event", "peer_crashed"}, {"peer", rec.name}, {"how", note.detail}});
                    break;
            }
        }
    }
    if (!sampleNow) return;
    SwarmSample sample;
    sample.t = t;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        PeerRecord& rec = record_.peers[i];
        if (rec.online.empty()) continue;  // not joined yet
        const MemberSample s = slots_[i].member->sample();
        rec.last = s;
        if (slots_[i].member->online()) ++sample.online;
        sample.downloadRate += s.downloadRate;
        sample.uploadRate += s.uploadRate;
        if (s.peers > 0 && !rec.discoveredAt) rec.discoveredAt = t;
        if (rec.role == Role::Leecher && s.complete && !rec.completedAt) {
            rec.completedAt = t;  // seen complete before its Finished event (or a member without one)
            emit({{"event", "peer_finished"}, {"peer", rec.name}, {"seconds", t - rec.online.front().first}});
        }
        if (rec.role == Role::Leecher && rec.completedAt) ++sample.complete;
        if (rec.progress.empty() || rec.progress.back().second != s.progress) rec.progress.push_back({t, s.progress});
    }
    record_.samples.push_back(sample);
    record_.processPeakAnonRss = std::max(record_.processPeakAnonRss, ownAnonRss());
    if (t - lastProgressEvent_ >= 1.0) {
        lastProgressEvent_ = t;
        emit({{"event", "progress"}, {"complete", sample.complete}, {"leechers", sc_.leecherCount()},
              {"online", sample.online}, {"download_rate", sample.downloadRate}, {"upload_rate", sample.uploadRate}});
    }
}

bool Lab::allLeechersDone() const {
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        const auto& rec = record_.peers[i];
        if (rec.role == Role::Leecher && !rec.completedAt && !slots_[i].gone) return false;
    }
    return true;
}

Result<LabOutcome> Lab::run() {
    events_.open(opt_.outDir / "events.ndjson", std::ios::trunc);
    random_.seed(sc_.seed);
    std::size_t index = 0;
    for (const auto& g : sc_.groups) {
        for (int i = 0; i < g.count; ++i, ++index) {
            MemberSpec spec;
            spec.name = g.name + "-" + std::to_string(i + 1);
            spec.address = netns_ ? netns_->peerAddress(static_cast<int>(index)) : setup_.peerAddress(static_cast<int>(index));
            spec.group = &g;
            spec.dir = setup_.workDir() / "peers" / spec.name;
            spec.clock = [this] { return now(); };
            spec.seed = sc_.seed * 1000003 + index;
            Slot slot;
            std::optional<PeerProcessOptions> processes;
            if (opt_.processes || netns_) {
                processes = PeerProcessOptions{opt_.peerProgram, {}};
                if (netns_) processes->wrapper = netns_->wrapper(static_cast<int>(index));
            }
            slot.member = makeMember(spec, processes);
            slot.group = &g;
            slot.joinAt = g.join + (g.count > 1 ? g.joinSpread * i / (g.count - 1) : 0);
            slot.leaveAt = g.leave;
            slots_.push_back(std::move(slot));
            PeerRecord rec;
            rec.name = spec.name;
            rec.group = g.name;
            rec.address = spec.address;
            rec.role = g.role;
            rec.client = g.client;
            rec.fault = g.fault.kind;
            record_.peers.push_back(rec);
            byAddress_[spec.address] = slots_.size() - 1;
            if (g.client == Client::Shoal && !opt_.processes && !netns_) ++record_.inProcessPeers;
        }
        if (g.churn.fraction > 0) nextChurn_[&g] = g.join + g.joinSpread + g.churn.interval;
    }
    record_.scenario = &sc_;
    record_.processes = opt_.processes || netns_;
    record_.netns = netns_ != nullptr;
    record_.payload = &setup_.payload();
    record_.setupSeconds = setup_.seconds();
    record_.infrastructure = setup_.infrastructure();
    if (netns_) {
        for (auto& line : netns_->describe()) record_.infrastructure.push_back(line);
    }
    record_.startedUnix = static_cast<std::int64_t>(std::time(nullptr));
    start_ = Clock::now();
    emit({{"event", "lab_started"}, {"scenario", sc_.name}, {"peers", slots_.size()}, {"leechers", sc_.leecherCount()},
          {"payload_bytes", setup_.payload().totalSize}, {"discovery", toString(sc_.discovery)},
          {"setup_seconds", setup_.seconds()}});
    double nextSample = 0;
    record_.stopReason = "deadline";
    for (;;) {
        const double t = now();
        if (opt_.shouldStop && opt_.shouldStop()) {
            record_.stopReason = "interrupted";
            break;
        }
        if (t >= sc_.stop.deadline) break;
        std::vector<std::size_t> due;
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            Slot& s = slots_[i];
            if (s.gone || s.member->online()) continue;
            const bool firstJoin = record_.peers[i].online.empty() && t >= s.joinAt;
            const bool rejoin = s.rejoinAt && t >= *s.rejoinAt;
            if (firstJoin || rejoin) {
                s.rejoinAt.reset();
                due.push_back(i);
            }
        }
        // Seeders first within a batch, so that leechers dial them.
        std::stable_sort(due.begin(), due.end(), [&](std::size_t a, std::size_t b) {
            return slots_[a].group->role == Role::Seeder && slots_[b].group->role != Role::Seeder;
        });
        if (!due.empty()) {
            if (auto joined = joinBatch(due, t); !joined) {
                finish();
                return joined.error();
            }
        }
        for (std::size_t i = 0; i < slots_.size(); ++i) {
            Slot& s = slots_[i];
            if (s.leaveAt && t >= *s.leaveAt && !s.gone) {
                if (s.member->online()) leave(i, t, true);
                s.gone = true;
                s.rejoinAt.reset();
            }
            if (s.stallAt && t >= *s.stallAt && s.member->online()) {
                s.member->stall(s.group->fault.uploadRate);
                emit({{"event", "peer_stalled"}, {"peer", record_.peers[i].name}, {"upload_rate", s.group->fault.uploadRate}});
                s.stallAt = 1e18;
            }
        }
        churn(t);
        const bool sampleNow = t >= nextSample;
        if (sampleNow) nextSample = t + sc_.sampleSeconds;
        drainAndSample(t, sampleNow);
        if (sc_.stop.whenAllComplete && sampleNow && allLeechersDone()) {
            record_.stopReason = "all_complete";
            break;
        }
        // The lab's own cadence: members report through samples, not events the loop could wait on.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    record_.duration = now();
    drainAndSample(record_.duration, true);
    finish();
    LabOutcome outcome;
    outcome.report = buildReport(record_);
    outcome.failures = checkExpectations(sc_, outcome.report);
    outcome.expectationsHeld = outcome.failures.empty();
    outcome.report["expectations"] = {{"held", outcome.expectationsHeld}, {"failures", outcome.failures}};
    outcome.reportJson = opt_.outDir / "report.json";
    outcome.reportHtml = opt_.outDir / "report.html";
    std::ofstream(outcome.reportJson)
        << outcome.report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    std::ofstream(outcome.reportHtml) << renderHtml(outcome.report);
    emit({{"event", "lab_finished"}, {"reason", record_.stopReason}, {"seconds", record_.duration},
          {"expectations_held", outcome.expectationsHeld}, {"failures", outcome.failures},
          {"report", outcome.reportJson.string()}});
    return outcome;
}

void Lab::finish() {
    // Verify before stopping anyone: a complete copy is final, and hashing runs while the rest idle.
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        PeerRecord& rec = record_.peers[i];
        if (rec.role == Role::Leecher && rec.completedAt && sc_.verify)
            rec.verified = verifyCopy(setup_.payload(), slots_[i].member->downloadParent());
    }
    // Members stop in parallel: each shutdown waits for its last resume save.
    std::vector<std::future<void>> stopped;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (!slots_[i].member->online()) continue;
        if (!record_.peers[i].online.empty()) record_.peers[i].online.back().second = record_.duration;
        stopped.push_back(std::async(std::launch::async, [this, i] { slots_[i].member->leave(); }));
    }
    for (auto& f : stopped) f.get();
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        PeerRecord& rec = record_.peers[i];
        rec.peakRss = slots_[i].member->peakRss();
        rec.peakAnonRss = slots_[i].member->peakAnonRss();
        // Counters as the member saw them just before it stopped: fresher than the loop's last sample.
        if (!rec.online.empty()) rec.last = slots_[i].member->sample();
    }
    record_.processPeakRss = ownPeakRss();
    record_.versions = setup_.versions();
    slots_.clear();
}

}  // namespace

Result<LabOutcome> runLab(const Scenario& scenario, const LabOptions& options) {
    std::error_code ec;
    fs::create_directories(options.outDir, ec);
    if (ec) return makeError(ErrorCode::Io, "cannot create " + options.outDir.string() + ": " + ec.message());
    const bool netns = options.netns || scenario.netns;
    if (!netns) {
        for (std::size_t i = 0; i < scenario.groups.size(); ++i) {
            if (scenario.groups[i].link)
                return makeError(ErrorCode::InvalidArgument,
                                 "/groups/" + std::to_string(i) + "/link shapes the peers' links: that needs network "
                                 "namespaces (run as root with --netns, or set network.netns)");
        }
    }
    if ((options.processes || netns) && options.peerProgram.empty())
        return makeError(ErrorCode::InvalidArgument, "peer processes need the shoal executable (LabOptions::peerProgram)");
    // A peer process that died shows as EPIPE on its pipe, not as a signal that ends the lab.
    if (options.processes || netns) ::signal(SIGPIPE, SIG_IGN);
    std::unique_ptr<NetworkNamespaces> namespaces;
    if (netns) {
        auto created = NetworkNamespaces::create(scenario);
        if (!created) return created.error();
        namespaces = std::move(created).value();
    }
    auto setup = LabSetup::create(scenario, options.workDir, namespaces ? namespaces->hubAddress() : "");
    if (!setup) return setup.error();
    Lab lab(scenario, options, *setup.value(), namespaces.get());
    return lab.run();
}

}  // namespace shoal::swarm
