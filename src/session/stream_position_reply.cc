#include "session/stream_position_reply.h"

#include "protocol/push_encoder.h"

namespace livegate {

bool IsRecovered(bool recover, const StreamPosition& since, const HistoryResult& r) {
  const auto& pubs = r.publications;
  uint64_t top = r.top.offset;
  bool same_epoch = !r.epoch_mismatch && (since.epoch.empty() || since.epoch == r.top.epoch);
  return recover && same_epoch &&
         (since.offset == top ||
          (since.offset < top && !pubs.empty() &&
           pubs.size() <= static_cast<size_t>(kMaxRecoveredPublications) &&
           pubs.front()->offset == since.offset + 1 && pubs.back()->offset == top));
}

void WriteStreamPosition(protocol::JsonWriter& w, bool recoverable, bool recover, bool recovered,
                         const StreamPosition& since, const HistoryResult& r,
                         protocol::PublicationForm form) {
  w.BoolIfSet("recoverable", recoverable).FieldIfSet("epoch", r.top.epoch);
  // After a recovery the reply names the position recovered from; the publications move it.
  w.UIntIfSet("offset", recovered ? since.offset : r.top.offset);
  w.Key("positioned").Bool(true);
  w.BoolIfSet("recovered", recovered).BoolIfSet("was_recovering", recover);
  if (recovered && !r.publications.empty()) {
    w.Key("publications").BeginArray();
    for (const auto& p : r.publications) protocol::WritePublication(w, *p, form);
    w.EndArray();
  }
}

}  // namespace livegate
