// Everything a lab needs before its clock starts: the work folder, the payload and its torrent, the
// tracker or the DHT bootstrap node, the peers' addresses, and the versions for the report.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "member.h"
#include "payload.h"
#include "shoal/local_session.h"
#include "tracker.h"

namespace shoal::swarm {

class LabSetup {
public:
    // `workDir` empty: a fresh folder under $TMPDIR, removed with everything in it by the destructor.
    // `hubAddress`: where the tracker and the DHT node listen when the peers are in network namespaces
    // (the lab's bridge); empty: on base + 2 and base + 3 of the scenario's 127.x range.
    static Result<std::unique_ptr<LabSetup>> create(const Scenario& scenario, const std::filesystem::path& workDir,
                                                    const std::string& hubAddress = {});
    ~LabSetup();

    const std::filesystem::path& workDir() const { return workDir_; }
    const PreparedPayload& payload() const { return payload_; }
    JoinContext context() const;  // discovery set; peers empty
    std::string peerAddress(int index) const;  // base + 10 + index
    double seconds() const { return seconds_; }
    std::vector<std::string> infrastructure() const;
    std::map<std::string, std::string> versions() const;

private:
    LabSetup() = default;
    Result<void> startDhtBootstrap();

    const Scenario* scenario_ = nullptr;
    std::filesystem::path workDir_;
    bool ownWorkDir_ = false;
    PreparedPayload payload_;
    std::unique_ptr<Tracker> tracker_;
    std::unique_ptr<LocalSession> bootstrap_;
    std::string bootstrapEndpoint_;
    std::string hubAddress_;
    double seconds_ = 0;
};

}  // namespace shoal::swarm
