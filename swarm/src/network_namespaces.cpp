// NetworkNamespaces: `ip` and `tc` (iproute2) run as child processes, every one bounded in time.
#include "network_namespaces.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "child_process.h"

namespace shoal::swarm {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kPrefix = "shoal-lab-";  // namespaces: shoal-lab-PID-INDEX

struct Ran {
    int code = -1;
    std::string output;
};

Ran run(const std::vector<std::string>& argv) {
    char log[] = "/tmp/shoal-netns.XXXXXX";
    const int fd = ::mkstemp(log);
    if (fd >= 0) ::close(fd);
    Ran ran;
    {
        ChildProcess child(argv, log);
        if (child.started()) ran.code = child.waitExit(10s).value_or(-1);
        ran.output = child.logText();
    }
    ::unlink(log);
    while (!ran.output.empty() && (ran.output.back() == '\n' || ran.output.back() == ' ')) ran.output.pop_back();
    return ran;
}

Result<void> must(const std::vector<std::string>& argv) {
    const Ran ran = run(argv);
    if (ran.code == 0) return {};
    std::string command;
    for (const auto& a : argv) command += (command.empty() ? "" : " ") + a;
    return makeError(ErrorCode::Network, "`" + command + "` failed: " + (ran.output.empty() ? "exit " + std::to_string(ran.code) : ran.output));
}

bool processAlive(int pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

// A lab killed before its destructor ran leaves namespaces and a bridge behind; they hold nothing, but
// their names and the subnet would collide with later labs.
void sweepLeftovers() {
    const Ran list = run({"ip", "netns", "list"});
    std::istringstream lines(list.output);
    for (std::string line; std::getline(lines, line);) {
        const std::string name = line.substr(0, line.find(' '));
        if (name.rfind(kPrefix, 0) != 0) continue;
        const int pid = std::atoi(name.c_str() + std::string(kPrefix).size());
        if (!processAlive(pid)) run({"ip", "netns", "del", name});
    }
    const Ran links = run({"ip", "-o", "link", "show", "type", "bridge"});
    std::istringstream bridges(links.output);
    for (std::string line; std::getline(bridges, line);) {
        // "12: shb1234: <...>"
        const auto colon = line.find(": ");
        if (colon == std::string::npos) continue;
        const std::string name = line.substr(colon + 2, line.find(':', colon + 2) - colon - 2);
        if (name.rfind("shb", 0) != 0) continue;
        if (!processAlive(std::atoi(name.c_str() + 3))) run({"ip", "link", "del", name});
    }
}

// The first 10.N.0.0/16 (N from 200 on) that no address or route of this machine touches.
int freeSubnet() {
    const std::string used = run({"ip", "-o", "addr", "show"}).output + "\n" + run({"ip", "-o", "route", "show"}).output;
    for (int n = 200; n < 255; ++n) {
        if (used.find("10." + std::to_string(n) + ".") == std::string::npos) return n;
    }
    return 0;
}

std::string bits(std::int64_t bytesPerSecond) { return std::to_string(bytesPerSecond * 8) + "bit"; }

// The qdisc for one direction of a shaped link.
std::vector<std::string> qdisc(const LinkSpec& link) {
    if (link.delayMs > 0 || link.lossPercent > 0) {
        std::vector<std::string> q = {"netem"};
        if (link.delayMs > 0) q.insert(q.end(), {"delay", std::to_string(link.delayMs) + "ms"});
        if (link.lossPercent > 0) q.insert(q.end(), {"loss", std::to_string(link.lossPercent) + "%"});
        if (link.rate > 0) q.insert(q.end(), {"rate", bits(link.rate)});
        return q;
    }
    // A burst below a GSO super-packet (64 KiB on veth) would drop it outright.
    const std::int64_t burst = std::max<std::int64_t>(link.rate / 10, 128 * 1024);
    return {"tbf", "rate", bits(link.rate), "burst", std::to_string(burst), "latency", "100ms"};
}

}  // namespace

Result<std::unique_ptr<NetworkNamespaces>> NetworkNamespaces::create(const Scenario& scenario) {
    if (::geteuid() != 0) return makeError(ErrorCode::InvalidArgument, "network namespaces need root (run the lab as root, or without --netns)");
    if (!onPath("ip") || !onPath("tc")) return makeError(ErrorCode::NotFound, "network namespaces need iproute2's ip and tc");
    for (const auto& g : scenario.groups) {
        if (g.client != Client::Shoal)
            return makeError(ErrorCode::InvalidArgument, std::string(toString(g.client)) + " members run without network namespaces (" +
                                                             g.pointer + "): drop --netns or the group");
    }
    // Labs starting at the same moment must not both find the same subnet free.
    const int lock = ::open("/run/shoal-swarm-lab.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock >= 0) ::flock(lock, LOCK_EX);
    struct Unlock {
        int fd;
        ~Unlock() { if (fd >= 0) ::close(fd); }
    } unlock{lock};
    sweepLeftovers();
    auto ns = std::unique_ptr<NetworkNamespaces>(new NetworkNamespaces);
    ns->labPid_ = static_cast<int>(::getpid());
    ns->subnet_ = freeSubnet();
    if (ns->subnet_ == 0) return makeError(ErrorCode::Network, "no free 10.N.0.0/16 subnet for the lab's bridge");
    ns->bridge_ = "shb" + std::to_string(ns->labPid_);
    if (auto r = must({"ip", "link", "add", ns->bridge_, "type", "bridge"}); !r) return r.error();
    if (auto r = must({"ip", "addr", "add", ns->hubAddress() + "/16", "dev", ns->bridge_}); !r) return r.error();
    if (auto r = must({"ip", "link", "set", ns->bridge_, "up"}); !r) return r.error();
    int index = 0;
    for (const auto& g : scenario.groups) {
        for (int i = 0; i < g.count; ++i, ++index) {
            if (auto r = ns->addPeer(index, g); !r) return r.error();  // the destructor removes what was made
        }
        if (g.link) {
            std::string what = g.name + ": ";
            for (const auto& part : qdisc(*g.link)) what += part + " ";
            ns->shaping_.push_back(what + "(each direction)");
        }
    }
    return ns;
}

Result<void> NetworkNamespaces::addPeer(int index, const Group& group) {
    const std::string name = kPrefix + std::to_string(labPid_) + "-" + std::to_string(index);
    if (auto r = must({"ip", "netns", "add", name}); !r) return r;
    namespaces_.push_back(name);
    const std::string host = "shv" + std::to_string(labPid_) + "h" + std::to_string(index);
    const std::string peer = "shv" + std::to_string(labPid_) + "p" + std::to_string(index);
    const std::vector<std::vector<std::string>> steps = {
        {"ip", "link", "add", host, "type", "veth", "peer", "name", peer},
        {"ip", "link", "set", peer, "netns", name},
        {"ip", "link", "set", host, "master", bridge_},
        {"ip", "link", "set", host, "up"},
        {"ip", "-n", name, "link", "set", "lo", "up"},
        {"ip", "-n", name, "link", "set", peer, "name", "eth0"},
        {"ip", "-n", name, "addr", "add", peerAddress(index) + "/16", "dev", "eth0"},
        {"ip", "-n", name, "link", "set", "eth0", "up"},
    };
    for (const auto& step : steps) {
        if (auto r = must(step); !r) return r;
    }
    if (!group.link || (group.link->rate == 0 && group.link->delayMs == 0 && group.link->lossPercent == 0)) return {};
    const auto q = qdisc(*group.link);
    // Egress of the bridge's end is what the peer receives; egress of its own end is what it sends.
    std::vector<std::string> down = {"tc", "qdisc", "add", "dev", host, "root"};
    down.insert(down.end(), q.begin(), q.end());
    std::vector<std::string> up = {"tc", "-n", name, "qdisc", "add", "dev", "eth0", "root"};
    up.insert(up.end(), q.begin(), q.end());
    for (const auto& step : {down, up}) {
        if (auto r = must(step); !r) {
            if (q[0] == "netem" && r.error().message.find("unknown") != std::string::npos)
                return makeError(ErrorCode::Network, "this kernel has no netem qdisc (CONFIG_NET_SCH_NETEM), so " +
                                                         group.pointer + "/link cannot delay or drop packets; a link "
                                                         "with only a rate works (tbf)");
            return r;
        }
    }
    return {};
}

NetworkNamespaces::~NetworkNamespaces() {
    // Deleting a namespace destroys the veth pair it holds (and so the bridge's end).
    for (const auto& name : namespaces_) run({"ip", "netns", "del", name});
    if (!bridge_.empty()) run({"ip", "link", "del", bridge_});
}

std::string NetworkNamespaces::address(int host) const {
    return "10." + std::to_string(subnet_) + "." + std::to_string(host / 256) + "." + std::to_string(host % 256);
}

std::string NetworkNamespaces::hubAddress() const { return address(1); }
std::string NetworkNamespaces::peerAddress(int index) const { return address(10 + index); }

std::vector<std::string> NetworkNamespaces::wrapper(int index) const {
    return {"ip", "netns", "exec", kPrefix + std::to_string(labPid_) + "-" + std::to_string(index)};
}

std::vector<std::string> NetworkNamespaces::describe() const {
    std::vector<std::string> out = {"bridge " + bridge_ + " at " + hubAddress() + "/16, " +
                                    std::to_string(namespaces_.size()) + " network namespaces " + kPrefix +
                                    std::to_string(labPid_) + "-*"};
    for (const auto& s : shaping_) out.push_back("tc on " + s);
    return out;
}

}  // namespace shoal::swarm
