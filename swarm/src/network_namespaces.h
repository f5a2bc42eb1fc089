// The lab's own network: one namespace per peer, each with a veth pair whose other end is on a bridge
// the lab creates (the bridge's address is where the tracker and the DHT node listen), with the groups'
// link shaping applied by tc on both ends. Everything is named after the lab's PID and removed by the
// destructor; leftovers of a lab that was killed are swept by the next one.
//
// Needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN) and iproute2's `ip` and `tc`. Traffic stays on the
// machine: the bridge has no uplink and the subnet is one no interface here uses.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shoal/swarm/scenario.h"
#include "shoal/types.h"

namespace shoal::swarm {

class NetworkNamespaces {
public:
    static Result<std::unique_ptr<NetworkNamespaces>> create(const Scenario& scenario);
    ~NetworkNamespaces();
    NetworkNamespaces(const NetworkNamespaces&) = delete;
    NetworkNamespaces& operator=(const NetworkNamespaces&) = delete;

    std::string hubAddress() const;            // the bridge's address
    std::string peerAddress(int index) const;  // in peer `index`'s namespace
    std::vector<std::string> wrapper(int index) const;  // runs a command inside it: ip netns exec NAME
    std::vector<std::string> describe() const;          // for the report's infrastructure list

private:
    NetworkNamespaces() = default;
    Result<void> addPeer(int index, const Group& group);
    std::string address(int host) const;  // 10.A.B.C from the subnet's host number

    int labPid_ = 0;
    int subnet_ = 0;  // second octet of 10.N.0.0/16
    std::string bridge_;
    std::vector<std::string> namespaces_;
    std::vector<std::string> shaping_;  // one line per shaped group, for describe()
};

}  // namespace shoal::swarm
