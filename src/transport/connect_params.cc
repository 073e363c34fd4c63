#include "transport/connect_params.h"

#include <boost/url/pct_string_view.hpp>

namespace livegate {

bool ParseConnectParams(std::string_view query, ConnectParams* out) {
  // Split by hand: Boost.URL 1.81's parameter iterator was seen to report value sizes that
  // run past the end of the query. Percent-decoding (and its validation) stays Boost.URL's.
  boost::urls::encoding_opts plus_is_space(true, false, false);
  auto decode = [&](std::string_view encoded, std::string* decoded) {
    auto pct = boost::urls::make_pct_string_view(encoded);
    if (!pct) return false;
    *decoded = pct->decode(plus_is_space);
    return true;
  };
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    size_t eq = pair.find('=');
    std::string key;
    std::string value;
    if (!decode(pair.substr(0, eq), &key) ||
        !decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), &value)) {
      return false;
    }
    if (key == "cf_connect") {
      out->cf_connect = std::move(value);
    } else if (key == "channel") {
      out->channels.push_back(std::move(value));
    }
  }
  return true;
}

}  // namespace livegate
