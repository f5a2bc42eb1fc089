// torrent-set: Transmission's per-torrent mutators mapped onto session commands, plus shoal-* keys for
// what Transmission cannot say (category, exact byte limits, seeding time goal, direct peers).
#include <sstream>

#include "rpc/rpc_context.h"

namespace shoal::rpc {

namespace {

// One torrent's changes, in a fixed order; the first failure is returned.
Result<void> applyTo(Session& session, TorrentId id, const json& a) {
    const auto status = session.status(id);
    if (!status) return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id));

    // Limits: Transmission's are kB/s with a separate on/off; shoal-*-limit are bytes/s (0 = none).
    int down = status->downloadLimit, up = status->uploadLimit;
    bool limits = false;
    if (a.contains("downloadLimit") || a.contains("downloadLimited")) {
        const int kb = a.value("downloadLimit", down / 1024);
        down = a.value("downloadLimited", true) && kb > 0 ? kb * 1024 : 0;
        limits = true;
    }
    if (a.contains("uploadLimit") || a.contains("uploadLimited")) {
        const int kb = a.value("uploadLimit", up / 1024);
        up = a.value("uploadLimited", true) && kb > 0 ? kb * 1024 : 0;
        limits = true;
    }
    if (a.contains("shoal-download-limit")) down = a["shoal-download-limit"].get<int>(), limits = true;
    if (a.contains("shoal-upload-limit")) up = a["shoal-upload-limit"].get<int>(), limits = true;
    if (limits)
        if (auto r = session.setLimits(id, down, up); !r) return r;

    if (a.contains("files-wanted") || a.contains("files-unwanted") || a.contains("priority-high") ||
        a.contains("priority-low") || a.contains("priority-normal") || a.contains("shoal-file-priorities")) {
        auto details = session.details(id);
        if (!details) return details.error();
        std::vector<FilePriority> current;
        for (const auto& f : details->files) current.push_back(f.priority);
        if (auto raw = a.find("shoal-file-priorities"); raw != a.end()) {
            current.clear();
            for (int p : raw->get<std::vector<int>>()) current.push_back(static_cast<FilePriority>(p));
        }
        auto chosen = filePrioritiesFromArgs(a, std::move(current));
        if (!chosen) return chosen.error();
        if (auto r = session.setFilePriorities(id, chosen.value()); !r) return r;
    }

    if (a.contains("labels"))
        if (auto r = session.setTags(id, a["labels"].get<std::vector<std::string>>()); !r) return r;
    if (a.contains("shoal-category"))
        if (auto r = session.setCategory(id, a["shoal-category"].get<std::string>()); !r) return r;
    for (const char* key : {"sequentialDownload", "shoal-sequential"})
        if (a.contains(key))
            if (auto r = session.setSequential(id, a[key].get<bool>()); !r) return r;

    // Seeding goals: seedRatioMode 0 = the session's goal, 1 = seedRatioLimit, 2 = none.
    std::optional<double> ratio = status->ratioGoal;
    std::optional<std::int64_t> seconds = status->seedTimeGoalSeconds;
    bool goals = false;
    if (a.contains("seedRatioMode") || a.contains("seedRatioLimit")) {
        const int mode = a.value("seedRatioMode", 1);
        ratio = mode == 1 ? std::optional(a.value("seedRatioLimit", ratio.value_or(0.0))) : std::nullopt;
        goals = true;
    }
    if (a.contains("shoal-ratio-goal")) {
        ratio = a["shoal-ratio-goal"].is_null() ? std::nullopt
                                                : std::optional(a["shoal-ratio-goal"].get<double>());
        goals = true;
    }
    if (a.contains("shoal-seed-time-goal")) {
        const json& v = a["shoal-seed-time-goal"];
        seconds = v.is_null() ? std::nullopt : std::optional(v.get<std::int64_t>());
        goals = true;
    }
    if (goals)
        if (auto r = session.setSeedingGoals(id, ratio, seconds); !r) return r;

    const auto trackers = a.value("trackerAdd", std::vector<std::string>{});
    if (!trackers.empty())
        if (auto r = session.addTrackers(id, trackers); !r) return r;
    if (a.contains("trackerList")) {
        // Transmission's whole list, one URL a line, a blank line between tiers. Shoal keeps the order
        // and gives each URL its own tier.
        std::vector<std::string> urls;
        std::istringstream lines(a["trackerList"].get<std::string>());
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) urls.push_back(line);
        if (auto r = session.replaceTrackers(id, urls); !r) return r;
    }
    for (const auto& peer : a.value("shoal-connect-peers", std::vector<std::string>{}))
        if (auto r = session.connectPeer(id, peer); !r) return r;

    if (a.contains("queuePosition")) {
        // Positions move one step at a time through the session's queue commands.
        const int wanted = a["queuePosition"].get<int>();
        if (wanted < 0) return makeError(ErrorCode::InvalidArgument, "queuePosition must be >= 0");
        int position = status->queuePosition;
        for (int steps = 0; position >= 0 && position != wanted && steps < 10000; ++steps) {
            if (auto r = session.moveInQueue(id, position > wanted ? QueueMove::Up : QueueMove::Down); !r)
                return r;
            position += position > wanted ? -1 : 1;
        }
    }
    if (a.contains("location")) {
        if (auto r = session.moveStorage(id, a["location"].get<std::string>()); !r) return r;
    }
    return {};
}

MethodResult torrentSet(const json& args, RpcContext& ctx) {
    auto ids = resolveIds(args, ctx);
    if (!ids) return MethodResult::fromError(ids.error());
    MethodResult result;
    for (TorrentId id : ids.value())
        if (auto done = applyTo(ctx.session, id, args); !done && !result.error)
            result = MethodResult::fromError(done.error());
    return result;
}

}  // namespace

void addTorrentSetMethods(MethodTable& table) { table["torrent-set"] = torrentSet; }

}  // namespace shoal::rpc
