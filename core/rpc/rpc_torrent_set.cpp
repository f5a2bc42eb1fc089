// torrent-set: Transmission's per-torrent mutators mapped onto session commands, plus shoal-* keys for
// what Transmission cannot say (category, exact byte limits, seeding time goal, direct peers).
#include <limits>
#include <sstream>

#include "rpc/rpc_args.h"
#include "rpc/rpc_context.h"

namespace shoal::rpc {

namespace {

// One torrent's changes, in a fixed order; the first failure is returned.
Result<void> applyTo(Session& session, TorrentId id, const json& a) {
    const auto status = session.status(id);
    if (!status) return makeError(ErrorCode::NotFound, "no torrent with id " + std::to_string(id));

    // Numbers first, all of them, so that an out-of-range one changes nothing (kB/s * 1024 must fit).
    ArgReader numbers(a);
    const auto downKb = numbers.integer("downloadLimit", 0, kMaxSpeedKBps);
    const auto upKb = numbers.integer("uploadLimit", 0, kMaxSpeedKBps);
    const auto downBytes = numbers.integer("shoal-download-limit", 0, kMaxSpeedBytes);
    const auto upBytes = numbers.integer("shoal-upload-limit", 0, kMaxSpeedBytes);
    const auto ratioMode = numbers.integer("seedRatioMode", 0, 2);
    const auto ratioLimit = numbers.real("seedRatioLimit", 0, kMaxRatio);
    if (a.contains("shoal-ratio-goal") && !a["shoal-ratio-goal"].is_null())
        (void)numbers.real("shoal-ratio-goal", 0, kMaxRatio);
    if (a.contains("shoal-seed-time-goal") && !a["shoal-seed-time-goal"].is_null())
        (void)numbers.integer("shoal-seed-time-goal", 0, kMaxSeedSeconds);
    const auto queuePosition = numbers.integer("queuePosition", 0, std::numeric_limits<int>::max());
    if (numbers.error()) return *numbers.error();

    // Limits: Transmission's are kB/s with a separate on/off; shoal-*-limit are bytes/s (0 = none).
    int down = status->downloadLimit, up = status->uploadLimit;
    bool limits = false;
    if (downKb || a.contains("downloadLimited")) {
        const std::int64_t kb = downKb.value_or(down / 1024);
        down = a.value("downloadLimited", true) && kb > 0 ? static_cast<int>(kb * 1024) : 0;
        limits = true;
    }
    if (upKb || a.contains("uploadLimited")) {
        const std::int64_t kb = upKb.value_or(up / 1024);
        up = a.value("uploadLimited", true) && kb > 0 ? static_cast<int>(kb * 1024) : 0;
        limits = true;
    }
    if (downBytes) down = static_cast<int>(*downBytes), limits = true;
    if (upBytes) up = static_cast<int>(*upBytes), limits = true;
    if (limits)
        if (auto r = session.setLimits(id, down, up); !r) return r;

    if (a.contains("files-wanted") || a.contains("files-unwanted") || a.contains("priority-high") ||
        a.contains("priority-low") || a.contains("priority-normal") || a.contains("shoal-file-priorities")) {
        auto details = session.details(id);
        if (!details) return details.error();
        std::vector<FilePriority> current;
        for (const auto& f : details->files) current.push_back(f.priority);
        if (auto raw = a.find("shoal-file-priorities"); raw != a.end()) {
            auto given = filePrioritiesArg(*raw);
            if (!given) return given.error();
            current = std::move(given).value();
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
    if (ratioMode || ratioLimit) {
        ratio = ratioMode.value_or(1) == 1 ? std::optional(ratioLimit.value_or(ratio.value_or(0.0))) : std::nullopt;
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

    if (queuePosition) {
        // Positions move one step at a time through the session's queue commands.
        const int wanted = static_cast<int>(*queuePosition);
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
