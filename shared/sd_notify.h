#pragma once

// notifySystemd: the sd_notify(3) protocol without libsystemd: one datagram with `state`
// ("READY=1", "STOPPING=1", "RELOADING=1") to the AF_UNIX socket named by $NOTIFY_SOCKET
// (a path, or an abstract socket when it starts with '@'). Thread-safe.

#include <string_view>

#include "shared/status.h"

namespace shared {

// Ok without doing anything when NOTIFY_SOCKET is unset (not run by systemd); kIoError
// with the errno text when the datagram cannot be sent; kInvalidArgument for a bad name.
Status notifySystemd(std::string_view state);

}  // namespace shared
