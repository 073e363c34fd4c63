#pragma once
// The stream-position part of subscribe replies and of the server-side subscriptions of the
// connect reply: whether a recovery is complete, and the fields that tell the client
// (PROTOCOL.md §7).
// Thread: any (pure functions).

#include "engine/history_store.h"
#include "protocol/json_writer.h"
#include "protocol/push_encoder.h"

namespace livegate {

// Most publications one recovery returns; more missed means recovered: false.
inline constexpr int32_t kMaxRecoveredPublications = 300;

// Recovered only when nothing is missing: the epoch is the same and there is no gap before
// the first returned publication nor after the last.
bool IsRecovered(bool recover, const StreamPosition& since, const HistoryResult& r);

// recoverable, epoch, offset, positioned, recovered, was_recovering and the recovered
// publications.
// `form`: how recovered publications carry their data (as strings for delta subscriptions).
void WriteStreamPosition(protocol::JsonWriter& w, bool recoverable, bool recover, bool recovered,
                         const StreamPosition& since, const HistoryResult& r,
                         protocol::PublicationForm form = protocol::PublicationForm::kEmbedded);

}  // namespace livegate
