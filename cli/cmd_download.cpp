// `shoal download TORRENT|MAGNET|HASH -o DIR`: fetch, verify, optionally keep seeding until a goal.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "commands.h"
#include "exit_codes.h"
#include "session_options.h"
#include "signals.h"
#include "torrent_run.h"
#include "transfer_report.h"

namespace shoal::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct DownloadArgs {
    std::string source;
    std::string outDir;
    bool seed = false;
    double seedRatio = -1;
    std::int64_t seedTime = -1;
    SessionOptions session;
};

std::string checkOutputDir(const std::string& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return "cannot create output directory " + dir + ": " + ec.message();
    if (!fs::is_directory(dir)) return "output is not a directory: " + dir;
    if (::access(dir.c_str(), W_OK) != 0) return "cannot write to output directory " + dir + ": " + std::strerror(errno);
    return {};
}

int runDownload(const DownloadArgs& a) {
    Output out(a.session.json, a.session.quiet);
    if (const std::string problem = a.session.validate(); !problem.empty()) return out.fail(kUsage, problem);
    auto parsed = parseTorrentSource(a.source);
    if (!parsed) return out.fail(kBadInput, parsed.error().message);
    if (const std::string problem = checkOutputDir(a.outDir); !problem.empty()) return out.fail(kBadInput, problem);
    installStopSignals();

    auto opened = openSession(a.session, out);
    if (auto* code = std::get_if<int>(&opened)) return *code;
    auto& [session, events, address, port] = std::get<OpenedSession>(opened);

    AddRequest request = std::move(parsed.value());
    request.savePath = fs::absolute(a.outDir).string();
    request.peers = a.session.peers;
    request.trackers = a.session.trackers;
    auto added = addForThisRun(*session, *events, request);
    if (!added) return out.fail(exitCodeFor(added.error()), added.error().message);
    const TorrentId id = added.value();
    if (auto s = session->status(id)) {
        out.event(addedEvent(*s));
        out.line("downloading " + (s->name.empty() ? s->hashes.best() : s->name) + " to " + request.savePath);
    }

    SeedGoals goals(a.seedRatio >= 0 ? std::optional(a.seedRatio) : std::nullopt,
                    a.seedTime >= 0 ? std::optional(a.seedTime) : std::nullopt);
    const auto start = Clock::now();
    auto nextReport = start;
    bool finished = false;
    for (;;) {
        if (stopRequested()) {
            out.event({{"event", "stopped"}, {"reason", "signal"}});
            session->shutdown();
            if (finished) return kOk;
            return out.fail(kFailure, "interrupted; run the same command again to resume");
        }
        if (auto event = events->pop(std::chrono::milliseconds(200)); event && event->id == id) {
            switch (event->type) {
                case EventType::MetadataReceived: {
                    const auto s = session->status(id);
                    out.event({{"event", "metadata"}, {"name", event->message}, {"bytes", s ? s->totalSize : 0}});
                    break;
                }
                case EventType::HashFailed:
                    out.event({{"event", "hash_failed"}, {"piece", std::atoi(event->message.c_str())}});
                    break;
                case EventType::PeerBanned: out.event({{"event", "peer_banned"}, {"peer", event->message}}); break;
                case EventType::ResumeSaved: out.event({{"event", "resume_saved"}}); break;
                case EventType::Finished: nextReport = Clock::now(); break;  // report it now, not in a second
                case EventType::Errored:
                    session->shutdown();
                    return out.fail(kFailure, event->message);
                case EventType::GoalReached:  // a goal from the library's settings
                    out.event({{"event", "stopped"}, {"reason", "goal"}});
                    out.line("seeding goal reached: " + event->message);
                    session->shutdown();
                    return kOk;
                default: break;
            }
        }
        if (Clock::now() < nextReport) continue;
        nextReport = Clock::now() + std::chrono::seconds(1);
        auto details = session->details(id);
        if (!details) continue;
        const TorrentStatus& s = details->status;
        if (s.state == TorrentState::Errored) {
            session->shutdown();
            return out.fail(kFailure, s.error);
        }
        resumeIfStopped(*session, s, a.seed);
        const bool complete = s.hasMetadata && s.totalWantedDone == s.totalWanted &&
                              (s.state == TorrentState::Seeding || s.state == TorrentState::Completed);
        if (!finished && complete) {
            finished = true;
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            bool verified = !details->pieces.empty();
            for (bool have : details->pieces) verified = verified && have;
            out.endProgress();
            out.event({{"event", "finished"},
                       {"bytes", s.totalWanted},
                       {"payload_downloaded", s.downloadedThisRun},
                       {"seconds", seconds},
                       {"verified", verified},
                       {"path", (fs::path(s.savePath) / s.name).string()}});
            out.line("finished " + s.name + ": " + humanBytes(static_cast<double>(s.totalWanted)) + " in " +
                     std::to_string(static_cast<int>(seconds + 0.5)) + " s (" +
                     humanBytes(static_cast<double>(s.downloadedThisRun) / std::max(seconds, 0.001)) +
                     "/s), verified");
            if (!a.seed) {
                session->shutdown();
                return verified ? kOk : out.fail(kFailure, "finished but not every piece verified");
            }
        }
        if (!finished) {
            reportProgress(out, s);
            continue;
        }
        reportSeeding(out, s);
        if (s.state != TorrentState::Seeding) continue;
        if (const std::string goal = goals.reached(s); !goal.empty()) {
            out.event({{"event", "stopped"}, {"reason", "goal"}});
            out.line("seeding goal reached: " + goal);
            session->shutdown();
            return kOk;
        }
    }
}

}  // namespace

void addDownloadCommand(CLI::App& app, std::function<int()>& run) {
    auto args = std::make_shared<DownloadArgs>();
    CLI::App* c = app.add_subcommand("download", "Download a torrent, a magnet link or an info-hash");
    c->add_option("source", args->source, "A .torrent file, a magnet link, or a 40/64-hex info-hash")
        ->type_name("TORRENT|MAGNET|HASH")->required();
    c->add_option("-o,--output", args->outDir, "Directory to download into (created if missing)")
        ->type_name("DIR")->required();
    auto* seed = c->add_flag("--seed", args->seed, "Keep seeding after the download, until a goal or Ctrl-C");
    c->add_option("--seed-ratio", args->seedRatio, "With --seed: stop at this upload/download ratio")
        ->type_name("R")
        ->check(kNotNegative)
        ->needs(seed);
    c->add_option("--seed-time", args->seedTime, "With --seed: stop after seeding this many seconds (this run)")
        ->type_name("SECONDS")
        ->check(kNotNegative)
        ->needs(seed);
    args->session.addTo(*c);
    c->callback([args, &run] { run = [args] { return runDownload(*args); }; });
}

}  // namespace shoal::cli
