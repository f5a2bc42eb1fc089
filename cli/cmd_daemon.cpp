// `shoal daemon`: the LocalSession headless, driven through the Transmission-compatible RPC; a watch
// folder and hooks; SIGTERM/SIGINT (or the RPC's session-close) save and exit.
#include <fcntl.h>
#include <poll.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.h"
#include "daemon_hooks.h"
#include "exit_codes.h"
#include "session_options.h"
#include "shoal/rpc_server.h"
#include "signals.h"
#include "watch_folder.h"

namespace shoal::cli {

namespace {

namespace fs = std::filesystem;

struct DaemonArgs {
    SessionOptions session;
    std::string rpcBind = "127.0.0.1:9091";
    std::string rpcAuth;
    std::string rpcAuthFile;
    bool saveRpcAuth = false;
    std::string rpcWhitelist = "127.0.0.1,::1";
    std::string rpcHostWhitelist;
    std::string watchDir;
    bool watchDelete = false;
    std::string onAdd;
    std::string onFinish;
    bool foreground = false;
};

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (!item.empty()) out.push_back(item);
    }
    return out;
}

// "127.0.0.1:9091", "[::1]:9091", "0.0.0.0:0"
bool splitBind(const std::string& bind, std::string& address, int& port) {
    const auto colon = bind.rfind(':');
    if (colon == std::string::npos) return false;
    address = bind.substr(0, colon);
    if (address.size() > 1 && address.front() == '[' && address.back() == ']')
        address = address.substr(1, address.size() - 2);
    try {
        std::size_t used = 0;
        port = std::stoi(bind.substr(colon + 1), &used);
        return used == bind.size() - colon - 1 && port >= 0 && port <= 65535 && !address.empty();
    } catch (const std::exception&) {
        return false;
    }
}

// The stored credentials: one line "USER:HASH" (a crypt(3) hash), readable by the daemon's user only.
bool readAuthFile(const fs::path& file, std::string& user, std::string& hash) {
    std::ifstream in(file);
    std::string line;
    if (!std::getline(in, line)) return false;
    const auto colon = line.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    user = line.substr(0, colon);
    hash = line.substr(colon + 1);
    return !hash.empty() && hash[0] == '$';
}

bool writeAuthFile(const fs::path& file, const std::string& user, const std::string& hash) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const std::string line = user + ":" + hash + "\n";
    const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    return ::close(fd) == 0 && ok;
}

// Without --foreground: fork before any thread exists; the parent waits (bounded) until the child says
// it is serving, then exits with its verdict. The child carries on in a new session.
int detach() {
    int fds[2];
    if (::pipe(fds) != 0) return -1;
    const pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        ::close(fds[0]);
        ::setsid();
        return fds[1];
    }
    ::close(fds[1]);
    pollfd p{fds[0], POLLIN, 0};
    char verdict = 1;
    if (::poll(&p, 1, 60000) == 1 && ::read(fds[0], &verdict, 1) == 1) ::_exit(verdict);
    ::_exit(kFailure);
}

void tellParent(int& fd, char verdict) {
    if (fd < 0) return;
    (void)!::write(fd, &verdict, 1);
    ::close(fd);
    fd = -1;
    const int null = ::open("/dev/null", O_RDWR);
    if (null >= 0) ::dup2(null, STDIN_FILENO), ::close(null);
}

int runDaemon(DaemonArgs a) {
    Output out(a.session.json, a.session.quiet);
    // Logs on stderr (the journal under systemd): stdout carries only the --json events.
    spdlog::set_default_logger(spdlog::stderr_color_mt("shoal-daemon"));
    spdlog::set_level(a.session.quiet ? spdlog::level::warn : spdlog::level::info);
    spdlog::set_pattern("shoal daemon: [%l] %v");
    if (const std::string problem = a.session.validate(); !problem.empty()) return out.fail(kUsage, problem);
    // download/seed apply these to their one torrent; a daemon has none of its own, and accepting them
    // to do nothing would let a user believe every torrent announces there.
    if (!a.session.peers.empty() || !a.session.trackers.empty())
        return out.fail(kUsage, std::string(a.session.peers.empty() ? "--tracker" : "--peer") +
                                    " is for download and seed; the daemon takes trackers and peers with each "
                                    "torrent (torrent-add, torrent-set trackerAdd)");

    RpcServerOptions rpc;
    if (!splitBind(a.rpcBind, rpc.bindAddress, rpc.port))
        return out.fail(kUsage, "bad --rpc-bind '" + a.rpcBind + "' (ADDR:PORT, e.g. 127.0.0.1:9091)");
    rpc.clientWhitelist = a.rpcWhitelist == "*" ? std::vector<std::string>{} : splitList(a.rpcWhitelist);
    rpc.hostWhitelist = splitList(a.rpcHostWhitelist);
    const fs::path profile = a.session.profile.empty() ? defaultProfileDir() : fs::path(a.session.profile);
    rpc.configDir = profile.string();
    const fs::path authFile = a.rpcAuthFile.empty() ? profile / "rpc-auth" : fs::path(a.rpcAuthFile);
    if (!a.rpcAuth.empty()) {
        const auto colon = a.rpcAuth.find(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == a.rpcAuth.size())
            return out.fail(kUsage, "--rpc-auth wants USER:PASSWORD");
        rpc.username = a.rpcAuth.substr(0, colon);
        auto hashed = hashRpcPassword(a.rpcAuth.substr(colon + 1));
        if (!hashed) return out.fail(kFailure, hashed.error().message);
        rpc.passwordHash = hashed.value();
    } else if (std::error_code ec; fs::exists(authFile, ec)) {
        if (!readAuthFile(authFile, rpc.username, rpc.passwordHash))
            return out.fail(kBadInput, "cannot read USER:HASH from " + authFile.string());
    } else if (!a.rpcAuthFile.empty()) {
        return out.fail(kBadInput, "no such file: " + a.rpcAuthFile);
    }
    if (!a.watchDir.empty() && !fs::is_directory(a.watchDir))
        return out.fail(kBadInput, "no such folder: " + a.watchDir);
    if (rpc.username.empty() && rpc.bindAddress != "127.0.0.1" && rpc.bindAddress != "::1")
        spdlog::warn(
            "the RPC listens on {} without a password: anyone allowed by --rpc-whitelist can drive it",
            rpc.bindAddress);

    int parentFd = -1;
    if (!a.foreground) {
        parentFd = detach();
        if (parentFd < 0) return out.fail(kFailure, "cannot start in the background (fork failed)");
    }
    installStopSignals();
    a.session.keepQueue = true;
    auto opened = openSession(a.session, out);
    if (auto* code = std::get_if<int>(&opened)) {
        tellParent(parentFd, static_cast<char>(*code));
        return *code;
    }
    auto& [session, events, peerAddress, peerPort] = std::get<OpenedSession>(opened);
    if (a.saveRpcAuth && !rpc.username.empty()) {
        std::error_code ec;
        fs::create_directories(authFile.parent_path(), ec);
        if (!writeAuthFile(authFile, rpc.username, rpc.passwordHash)) {
            session->shutdown();
            tellParent(parentFd, kFailure);
            return out.fail(kFailure, "cannot write " + authFile.string());
        }
        spdlog::info("RPC credentials stored (hashed) in {}", authFile.string());
    }

    std::atomic<bool> closeAsked{false};
    rpc.onSessionClose = [&closeAsked] { closeAsked = true; };
    auto server = RpcServer::start(*session, rpc);
    if (!server) {
        session->shutdown();
        tellParent(parentFd, kFailure);
        return out.fail(kFailure, "cannot serve the RPC on " + a.rpcBind + ": " + server.error().message);
    }
    const std::string host = (*server)->address().find(':') != std::string::npos
                                 ? "[" + (*server)->address() + "]"
                                 : (*server)->address();
    const std::string url = "http://" + host + ":" + std::to_string((*server)->port()) + rpc.path;
    out.event({{"event", "rpc_listening"},
               {"address", (*server)->address()},
               {"port", (*server)->port()},
               {"url", url},
               {"auth", !rpc.username.empty()}});
    out.line("rpc " + url + " peers " + peerAddress + ":" + std::to_string(peerPort));
    spdlog::info("serving the RPC on {} (auth {}), peers on {}:{}, library {}", url,
                 rpc.username.empty() ? "off" : "on", peerAddress, peerPort, profile.string());
    tellParent(parentFd, kOk);

    std::optional<WatchFolder> watch;
    if (!a.watchDir.empty()) watch.emplace(a.watchDir, a.watchDelete);
    auto nextScan = std::chrono::steady_clock::now();
    while (!stopRequested() && !closeAsked.load()) {
        if (auto event = events->pop(std::chrono::milliseconds(250))) {
            // Only these read the torrent's status: adding ten thousand torrents brings as many
            // resume-saved events, and each status is a copy of the snapshot.
            const bool named = event->type == EventType::Added || event->type == EventType::Finished;
            const auto status = named && event->id != kNoTorrent ? session->status(event->id) : std::nullopt;
            if (event->type == EventType::Added && status) {
                out.event({{"event", "added"}, {"id", status->id}, {"name", status->name}});
                if (!a.onAdd.empty()) runHook(a.onAdd, "added", *status);
            } else if (event->type == EventType::Finished && status) {
                out.event({{"event", "finished"}, {"id", status->id}, {"name", status->name}});
                spdlog::info("torrent {} finished: {}", status->id, status->name);
                if (!a.onFinish.empty()) runHook(a.onFinish, "finished", *status);
            } else if (event->type == EventType::Errored) {
                spdlog::warn("torrent {}: {}", event->id, event->message);
            }
        }
        if (!a.onAdd.empty() || !a.onFinish.empty()) reapHooks();
        if (watch && std::chrono::steady_clock::now() >= nextScan) {
            watch->scan(*session);
            nextScan = std::chrono::steady_clock::now() + std::chrono::seconds(2);
        }
    }
    spdlog::info("stopping: {}", closeAsked.load() ? "session-close over the RPC" : "signal");
    (*server)->stop();
    session->shutdown();
    reapHooks();
    out.event({{"event", "stopped"}, {"reason", closeAsked.load() ? "session-close" : "signal"}});
    return kOk;
}

}  // namespace

void addDaemonCommand(CLI::App& app, std::function<int()>& run) {
    auto args = std::make_shared<DaemonArgs>();
    CLI::App* c = app.add_subcommand("daemon", "Run headless, driven over a Transmission-compatible RPC");
    c->add_option("--rpc-bind", args->rpcBind,
                  "Serve the RPC on ADDR:PORT (port 0 picks one; default 127.0.0.1:9091)")
        ->type_name("ADDR:PORT");
    c->add_option("--rpc-auth", args->rpcAuth,
                  "Require this user and password (Basic auth; kept hashed in memory)")
        ->type_name("USER:PASS");
    c->add_option("--rpc-auth-file", args->rpcAuthFile,
                  "Read USER:HASH from FILE (default PROFILE/rpc-auth if present)")
        ->type_name("FILE");
    c->add_flag("--save-rpc-auth", args->saveRpcAuth,
                "Store --rpc-auth's user and password hash in the auth file");
    c->add_option(
         "--rpc-whitelist", args->rpcWhitelist,
         "Client addresses allowed, comma-separated, '*' wildcards (default 127.0.0.1,::1; '*' = all)")
        ->type_name("LIST");
    c->add_option(
         "--rpc-host-whitelist", args->rpcHostWhitelist,
         "Host names allowed in the Host header besides localhost and IP addresses (comma-separated)")
        ->type_name("LIST");
    c->add_option("--watch-dir", args->watchDir, "Add .torrent files dropped in DIR (then renamed .added)")
        ->type_name("DIR");
    c->add_flag("--watch-delete", args->watchDelete,
                "Delete watched .torrent files once added instead of renaming");
    c->add_option("--on-add", args->onAdd,
                  "Run PROG when a torrent is added (SHOAL_TORRENT_ID/NAME/PATH/HASH set)")
        ->type_name("PROG");
    c->add_option("--on-finish", args->onFinish,
                  "Run PROG when a torrent finishes downloading (same variables)")
        ->type_name("PROG");
    c->add_flag("--foreground,-f", args->foreground, "Stay in the foreground (for systemd and terminals)");
    args->session.addTo(*c);
    for (const char* name : {"--peer", "--tracker"})
        c->get_option(name)->description("Not for the daemon (refused): give it with each torrent instead");
    c->callback([args, &run] { run = [args] { return runDaemon(*args); }; });
}

}  // namespace shoal::cli
