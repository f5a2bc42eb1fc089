// Torrent methods of Transmission's RPC: actions, torrent-get, torrent-add, torrent-remove,
// torrent-set-location, torrent-rename-path, queue moves, and shoal-rename-file. Wrong argument types throw
// json::type_error, which the dispatcher answers as invalid params.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>

#include "rpc/base64.h"
#include "rpc/rpc_args.h"
#include "rpc/rpc_context.h"
#include "rpc/rpc_fields.h"
#include "shoal/metainfo.h"

namespace shoal::rpc {

namespace {

// Runs `action` on every selected torrent; the first failure is the answer (the rest still run).
Method forEachTorrent(Result<void> (*action)(Session&, TorrentId)) {
    return [action](const json& args, RpcContext& ctx) {
        auto ids = resolveIds(args, ctx);
        if (!ids) return MethodResult::fromError(ids.error());
        MethodResult result;
        for (TorrentId id : ids.value()) {
            if (auto done = action(ctx.session, id); !done && !result.error)
                result = MethodResult::fromError(done.error());
        }
        return result;
    };
}

MethodResult torrentGet(const json& args, RpcContext& ctx) {
    const auto fieldsIt = args.find("fields");
    if (fieldsIt == args.end() || !fieldsIt->is_array())
        return MethodResult::fail(kInvalidParams, "torrent-get needs a \"fields\" array");
    const auto fields = fieldsIt->get<std::vector<std::string>>();
    const std::string format = args.value("format", "objects");
    if (format != "objects" && format != "table")
        return MethodResult::fail(kInvalidParams,
                                  "format must be \"objects\" or \"table\", not \"" + format + "\"");
    auto ids = resolveIds(args, ctx);
    if (!ids) return MethodResult::fromError(ids.error());
    const bool details = std::any_of(fields.begin(), fields.end(), fieldNeedsDetails);

    // Unknown fields are left out, as Transmission does: clients ask for fields of newer versions.
    std::vector<std::string> known;
    for (const auto& f : fields)
        if (torrentField(f, TorrentStatus{}, nullptr) || fieldNeedsDetails(f)) known.push_back(f);

    json torrents = json::array();
    if (format == "table") torrents.push_back(known);
    auto addRow = [&](const TorrentStatus& status, const TorrentDetails* more) {
        json row = format == "table" ? json::array() : json::object();
        for (const auto& f : known) {
            json value = torrentField(f, status, more).value_or(json(nullptr));
            if (format == "table")
                row.push_back(std::move(value));
            else
                row[f] = std::move(value);
        }
        torrents.push_back(std::move(row));
    };
    if (details) {
        // One trip to the engine for all of them; those removed meanwhile are left out.
        for (const TorrentDetails& more : ctx.session.detailsOf(ids.value())) addRow(more.status, &more);
    } else {
        for (TorrentId id : ids.value())
            if (auto status = ctx.session.status(id)) addRow(*status, nullptr);
    }
    MethodResult result;
    result.arguments["torrents"] = std::move(torrents);
    if (args.value("ids", json()) == "recently-active")
        result.arguments["removed"] = ctx.activity.recentlyRemoved();
    return result;
}

// Transmission's per-file arrays (files-wanted, priority-high, ...) over `count` files; an empty array
// means every file.
Result<std::vector<FilePriority>> priorities(const json& args, std::vector<FilePriority> current) {
    const auto apply = [&](const char* key, auto change) -> Result<void> {
        const auto it = args.find(key);
        if (it == args.end()) return {};
        // 64-bit: a huge index must not wrap around into a real one.
        const auto indices = it->get<std::vector<std::int64_t>>();
        if (indices.empty()) {
            for (auto& p : current) change(p);
            return {};
        }
        for (std::int64_t i : indices) {
            if (i < 0 || static_cast<std::uint64_t>(i) >= current.size())
                return makeError(ErrorCode::InvalidArgument,
                                 std::string(key) + ": no file " + std::to_string(i));
            change(current[i]);
        }
        return {};
    };
    // Priorities first, then wanted/unwanted: an unwanted file is skipped whatever its priority.
    const std::vector<std::pair<const char*, FilePriority>> levels = {
        {"priority-low", FilePriority::Low},
        {"priority-normal", FilePriority::Normal},
        {"priority-high", FilePriority::High}};
    for (const auto& [key, level] : levels) {
        auto done = apply(key, [level = level](FilePriority& p) { p = level; });
        if (!done) return done.error();
    }
    if (auto done = apply("files-wanted",
                          [](FilePriority& p) {
                              if (p == FilePriority::Skip) p = FilePriority::Normal;
                          });
        !done)
        return done.error();
    if (auto done = apply("files-unwanted", [](FilePriority& p) { p = FilePriority::Skip; }); !done)
        return done.error();
    return current;
}

bool touchesFiles(const json& args) {
    for (const char* key :
         {"files-wanted", "files-unwanted", "priority-high", "priority-low", "priority-normal"})
        if (args.contains(key)) return true;
    return false;
}

MethodResult torrentAdd(const json& args, RpcContext& ctx) {
    AddRequest request;
    // The metainfo is checked once, by the session's add (the same verdict as every front end's); it is
    // read here too only when file choices need its file count.
    if (auto it = args.find("metainfo"); it != args.end()) {
        auto bytes = base64Decode(it->get<std::string>());
        if (!bytes || bytes->empty())
            return MethodResult::fromError(makeError(ErrorCode::BadInput, "metainfo is not base64"));
        request.torrentBytes.assign(bytes->begin(), bytes->end());
    } else if (auto it = args.find("filename"); it != args.end()) {
        const std::string source = it->get<std::string>();
        if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0)
            return MethodResult::fail(kInvalidParams,
                                      "fetching .torrent files from URLs is not supported: send the "
                                      "file as metainfo, or a magnet link");
        auto parsed = parseTorrentSource(source);  // a path on the daemon's machine, a magnet or a hash
        if (!parsed) return MethodResult::fromError(parsed.error());
        request = std::move(parsed.value());
    } else {
        return MethodResult::fail(kInvalidParams, "torrent-add needs \"filename\" or \"metainfo\"");
    }
    request.savePath = args.value("download-dir", "");
    request.paused = args.value("paused", false);
    request.tags = args.value("labels", std::vector<std::string>{});
    request.category = args.value("shoal-category", "");
    request.sequential = args.value("shoal-sequential", false);
    request.seedMode = args.value("shoal-seed-mode", false);
    request.trackers = args.value("shoal-trackers", std::vector<std::string>{});
    request.peers = args.value("shoal-peers", std::vector<std::string>{});
    ArgReader numbers(args);
    request.downloadLimit = static_cast<int>(numbers.integer("shoal-download-limit", 0, kMaxSpeedBytes).value_or(0));
    request.uploadLimit = static_cast<int>(numbers.integer("shoal-upload-limit", 0, kMaxSpeedBytes).value_or(0));
    if (args.contains("shoal-ratio-goal") && !args["shoal-ratio-goal"].is_null())
        request.ratioGoal = numbers.real("shoal-ratio-goal", 0, kMaxRatio);
    if (args.contains("shoal-seed-time-goal") && !args["shoal-seed-time-goal"].is_null())
        request.seedTimeGoalSeconds = numbers.integer("shoal-seed-time-goal", 0, kMaxSeedSeconds);
    if (numbers.error()) return MethodResult::fromError(*numbers.error());
    if (touchesFiles(args)) {
        std::size_t fileCount = 0;
        if (!request.torrentBytes.empty()) {
            auto summary = summarizeTorrent(request.torrentBytes);
            if (!summary) return MethodResult::fromError(summary.error());
            fileCount = summary->files.size();
        }
        if (fileCount == 0)
            return MethodResult::fail(kInvalidParams, "file choices need the metainfo (not a magnet)");
        auto chosen = priorities(args, std::vector<FilePriority>(fileCount, FilePriority::Normal));
        if (!chosen) return MethodResult::fail(kInvalidParams, chosen.error().message);
        request.filePriorities = std::move(chosen.value());
    }
    if (auto raw = args.find("shoal-file-priorities"); raw != args.end()) {
        auto given = filePrioritiesArg(*raw);
        if (!given) return MethodResult::fromError(given.error());
        request.filePriorities = std::move(given).value();
    }

    auto added = ctx.session.addTorrent(std::move(request));
    if (!added) return MethodResult::fromError(added.error());
    const TorrentId id = added.value().id;
    const auto status = ctx.session.status(id);
    json torrent = {{"id", id},
                    {"name", status ? status->name : ""},
                    {"hashString", status ? hashString(status->hashes) : ""}};
    MethodResult result;
    result.arguments[added.value().existed ? "torrent-duplicate" : "torrent-added"] = std::move(torrent);
    return result;
}

MethodResult torrentRemove(const json& args, RpcContext& ctx) {
    auto ids = resolveIds(args, ctx);
    if (!ids) return MethodResult::fromError(ids.error());
    const RemoveMode mode =
        args.value("delete-local-data", false) ? RemoveMode::DeleteData : RemoveMode::KeepData;
    MethodResult result;
    for (TorrentId id : ids.value())
        if (auto done = ctx.session.remove(id, mode); !done && !result.error)
            result = MethodResult::fromError(done.error());
    return result;
}

MethodResult torrentSetLocation(const json& args, RpcContext& ctx) {
    const auto it = args.find("location");
    if (it == args.end())
        return MethodResult::fail(kInvalidParams, "torrent-set-location needs \"location\"");
    const std::string location = it->get<std::string>();
    if (!std::filesystem::path(location).is_absolute())
        return MethodResult::fail(kInvalidParams, "location must be an absolute path: " + location);
    // Shoal always moves the data (libtorrent's move_storage); `move: false` is treated the same.
    (void)args.value("move", false);
    auto ids = resolveIds(args, ctx);
    if (!ids) return MethodResult::fromError(ids.error());
    MethodResult result;
    for (TorrentId id : ids.value())
        if (auto done = ctx.session.moveStorage(id, location); !done && !result.error)
            result = MethodResult::fromError(done.error());
    return result;
}

MethodResult torrentRenamePath(const json& args, RpcContext& ctx) {
    auto ids = resolveIds(args, ctx);
    if (!ids) return MethodResult::fromError(ids.error());
    if (ids->size() != 1)
        return MethodResult::fail(kInvalidParams, "torrent-rename-path needs exactly one torrent");
    const std::string path = args.value("path", ""), name = args.value("name", "");
    if (path.empty() || name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
        return MethodResult::fail(kInvalidParams,
                                  "torrent-rename-path needs a \"path\" and a new \"name\" without '/'");
    const TorrentId id = ids->front();
    auto details = ctx.session.details(id);
    if (!details) return MethodResult::fromError(details.error());
    // `path` names a file or a folder inside the torrent; every file at or under it is renamed.
    const auto slash = path.rfind('/');
    const std::string renamed = (slash == std::string::npos ? "" : path.substr(0, slash + 1)) + name;
    int changed = 0;
    for (const FileEntry& f : details->files) {
        std::string target;
        if (f.path == path)
            target = renamed;
        else if (f.path.rfind(path + "/", 0) == 0)
            target = renamed + f.path.substr(path.size());
        else
            continue;
        if (auto done = ctx.session.renameFile(id, f.index, target); !done)
            return MethodResult::fromError(done.error());
        ++changed;
    }
    if (changed == 0)
        return MethodResult::fail(kInvalidParams,
                                  "no file or folder \"" + path + "\" in torrent " + std::to_string(id));
    MethodResult result;
    result.arguments = {{"id", id}, {"path", path}, {"name", name}};
    return result;
}

// Extension for RemoteSession::renameFile: one file by index, to a whole new relative path.
MethodResult shoalRenameFile(const json& args, RpcContext& ctx) {
    auto ids = resolveIds(args, ctx);
    if (!ids) return MethodResult::fromError(ids.error());
    if (ids->size() != 1)
        return MethodResult::fail(kInvalidParams, "shoal-rename-file needs exactly one torrent");
    if (!args.contains("index") || !args.contains("path"))
        return MethodResult::fail(kInvalidParams, "shoal-rename-file needs \"index\" and \"path\"");
    const auto index = integerArg(args, "index", 0, std::numeric_limits<int>::max());
    if (!index) return MethodResult::fromError(index.error());
    auto done = ctx.session.renameFile(ids->front(), static_cast<int>(**index), args["path"].get<std::string>());
    if (!done) return MethodResult::fromError(done.error());
    return {};
}

Method queueMove(QueueMove move) {
    return [move](const json& args, RpcContext& ctx) {
        auto ids = resolveIds(args, ctx);
        if (!ids) return MethodResult::fromError(ids.error());
        MethodResult result;
        for (TorrentId id : ids.value())
            if (auto done = ctx.session.moveInQueue(id, move); !done && !result.error)
                result = MethodResult::fromError(done.error());
        return result;
    };
}

}  // namespace

void addTorrentMethods(MethodTable& table) {
    table["torrent-start"] = forEachTorrent([](Session& s, TorrentId id) { return s.resume(id); });
    // Shoal has no "start now, ignoring the queue"; moving to the queue's top is the nearest.
    table["torrent-start-now"] = forEachTorrent([](Session& s, TorrentId id) {
        (void)s.moveInQueue(id, QueueMove::Top);
        return s.resume(id);
    });
    table["torrent-stop"] = forEachTorrent([](Session& s, TorrentId id) { return s.pause(id); });
    table["torrent-verify"] = forEachTorrent([](Session& s, TorrentId id) { return s.recheck(id); });
    table["torrent-reannounce"] = forEachTorrent([](Session& s, TorrentId id) { return s.reannounce(id); });
    table["torrent-get"] = torrentGet;
    table["torrent-add"] = torrentAdd;
    table["torrent-remove"] = torrentRemove;
    table["torrent-set-location"] = torrentSetLocation;
    table["torrent-rename-path"] = torrentRenamePath;
    table["shoal-rename-file"] = shoalRenameFile;
    table["queue-move-top"] = queueMove(QueueMove::Top);
    table["queue-move-up"] = queueMove(QueueMove::Up);
    table["queue-move-down"] = queueMove(QueueMove::Down);
    table["queue-move-bottom"] = queueMove(QueueMove::Bottom);
}

// Shared with torrent-set (rpc_torrent_set.cpp).
Result<std::vector<FilePriority>> filePrioritiesFromArgs(const json& args,
                                                         std::vector<FilePriority> current) {
    return priorities(args, std::move(current));
}

}  // namespace shoal::rpc
