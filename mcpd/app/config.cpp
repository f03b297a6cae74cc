#include "mcpd/app/config.h"

namespace mcpd::app {

shared::config::Schema buildSchema(McpdConfig& config) {
  shared::config::Schema schema("MCPD_");
  schema.addHostPort("listen", config.listen,
                     "address for HTTP; port 0 picks a free port (the log says which)");
  schema.addInteger("http.threads", config.http_threads, 2, 10000, "N",
                    "worker threads; each open connection holds one");
  schema.addInteger("http.queue", config.http_queue, 1, 100000, "N",
                    "connections waiting for a worker before new ones are refused");
  schema.addChoice("log.level", config.log.level, shared::log::kLevels, "log level");
  schema.addChoice("log.format", config.log.format, shared::log::kFormats,
                   "log format: text for people, json for one object per line");
  return schema;
}

}  // namespace mcpd::app
