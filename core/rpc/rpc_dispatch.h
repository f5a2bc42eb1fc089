// The two wire formats around one method table: legacy {method, arguments, tag} -> {result, arguments,
// tag}, and JSON-RPC 2.0 (single or batch, notifications answered with HTTP 204).
#pragma once

#include <string>

#include "rpc/rpc_context.h"

namespace shoal::rpc {

struct DispatchOutput {
    bool noContent = false;  // only notifications: HTTP 204, no body
    std::string body;
};

class Dispatcher {
public:
    explicit Dispatcher(RpcContext& context);
    DispatchOutput handle(const std::string& body);

private:
    json handleLegacy(const json& request);
    std::optional<json> handleJsonRpc(const json& request);  // nullopt: a notification
    MethodResult call(const std::string& method, const json& arguments);

    RpcContext& context_;
    MethodTable methods_;
};

}  // namespace shoal::rpc
