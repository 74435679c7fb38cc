//! Service rules: deleted RPCs, and what an RPC takes, returns and promises.

use std::collections::BTreeSet;

use super::messages::at_if_located;
use crate::{
    breaking::{Env, Pair, Sink},
    gostr::quote as q,
    lint::walk::{Method, Service},
};

breaking_rules! {
    /// Checks that no RPC of a service is deleted (RPCs are matched by
    /// name, so a rename counts as a deletion).
    ///
    /// ## Why
    /// Clients generated from the previous definition still call the RPC;
    /// once it is gone from the server they get `UNIMPLEMENTED`, and their
    /// regenerated code no longer compiles.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// service PetService { rpc GetPet(GetPetRequest) returns (GetPetResponse); }
    /// // after: flagged, RPC "GetPet" was deleted
    /// service PetService {}
    /// ```
    ///
    /// ## Fix
    /// Keep the RPC, marked `option deprecated = true;`, until no client
    /// uses it, and remove it in a new major version of the package.
    RpcNoDelete => Service(rpc_no_delete),

    /// Checks that an RPC keeps its request type (compared by
    /// fully-qualified name).
    ///
    /// ## Why
    /// Clients keep sending the old request message; a server expecting
    /// another type decodes it as garbage, and generated client code no
    /// longer compiles.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// rpc GetPet(GetPetRequest) returns (GetPetResponse);
    /// // after: flagged
    /// rpc GetPet(FetchPetRequest) returns (GetPetResponse);
    /// ```
    ///
    /// ## Fix
    /// Keep the request type; evolve the message itself (add fields)
    /// instead, or add a new RPC.
    RpcSameRequestType => Method(rpc_same_request_type),

    /// Checks that an RPC keeps its response type (compared by
    /// fully-qualified name).
    ///
    /// ## Why
    /// Clients decode the response as the type they were generated with;
    /// a different type is decoded as garbage, and generated code no longer
    /// compiles.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// rpc GetPet(GetPetRequest) returns (GetPetResponse);
    /// // after: flagged
    /// rpc GetPet(GetPetRequest) returns (Pet);
    /// ```
    ///
    /// ## Fix
    /// Keep the response type; add fields to it instead, or add a new RPC.
    RpcSameResponseType => Method(rpc_same_response_type),

    /// Checks that an RPC does not switch between a streaming and a unary
    /// request.
    ///
    /// ## Why
    /// Streaming and unary calls use different call shapes in every RPC
    /// framework; existing clients cannot call the changed method, and
    /// generated code changes signature.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// rpc Upload(Chunk) returns (UploadResponse);
    /// // after: flagged, from client unary to client streaming
    /// rpc Upload(stream Chunk) returns (UploadResponse);
    /// ```
    ///
    /// ## Fix
    /// Keep the request side as it was; add a new RPC for the other kind.
    RpcSameClientStreaming => Method(rpc_same_client_streaming),

    /// Checks that an RPC does not switch between a streaming and a unary
    /// response.
    ///
    /// ## Why
    /// Streaming and unary responses are consumed differently by every RPC
    /// framework; existing clients cannot handle the changed method, and
    /// generated code changes signature.
    ///
    /// ## Example
    /// ```proto
    /// // before
    /// rpc ListPets(ListPetsRequest) returns (stream Pet);
    /// // after: flagged, from server streaming to server unary
    /// rpc ListPets(ListPetsRequest) returns (ListPetsResponse);
    /// ```
    ///
    /// ## Fix
    /// Keep the response side as it was; add a new RPC for the other kind.
    RpcSameServerStreaming => Method(rpc_same_server_streaming),

    /// Checks that an RPC keeps its `idempotency_level` option
    /// (`IDEMPOTENCY_UNKNOWN` when unset).
    ///
    /// ## Why
    /// Clients and proxies use the level to decide whether a call may be
    /// retried or sent as an HTTP GET. Changing it changes how existing
    /// clients call the method, and may cause unsafe retries.
    ///
    /// ## Example
    /// ```proto
    /// rpc GetPet(GetPetRequest) returns (GetPetResponse) {
    ///   option idempotency_level = IDEMPOTENT;   // flagged: was NO_SIDE_EFFECTS
    /// }
    /// ```
    ///
    /// ## Fix
    /// Restore the previous level.
    RpcSameIdempotencyLevel => Method(rpc_same_idempotency_level),
}

fn rpc_no_delete(_: &Env, pair: &Pair<Service>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let now: BTreeSet<&str> = cur.desc.method.iter().map(|m| m.name()).collect();
    let gone: BTreeSet<&str> = prev
        .desc
        .method
        .iter()
        .map(|m| m.name())
        .filter(|n| !now.contains(n))
        .collect();
    for name in gone {
        sink.at(
            prev.file,
            cur.file,
            cur.path.clone(),
            format!(
                "Previously present RPC {} on service {} was deleted.",
                q(name),
                q(cur.desc.name())
            ),
        );
    }
}

/// `RPC "Name" on service "Service"`.
fn rpc(m: &Method) -> String {
    format!(
        "RPC {} on service {}",
        q(m.desc.name()),
        q(m.service.desc.name())
    )
}

/// The path of a part of the method's declaration.
fn part(m: &Method, tail: &[i32]) -> Vec<i32> {
    let mut path = m.path.clone();
    path.extend_from_slice(tail);
    path
}

fn rpc_same_request_type(_: &Env, pair: &Pair<Method>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    if prev.input_type() != cur.input_type() {
        sink.at(
            prev.file,
            cur.file,
            part(cur, &[2]),
            format!(
                "{} changed request type from {} to {}.",
                rpc(cur),
                q(prev.input_type()),
                q(cur.input_type())
            ),
        );
    }
}

fn rpc_same_response_type(_: &Env, pair: &Pair<Method>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    if prev.output_type() != cur.output_type() {
        sink.at(
            prev.file,
            cur.file,
            part(cur, &[3]),
            format!(
                "{} changed response type from {} to {}.",
                rpc(cur),
                q(prev.output_type()),
                q(cur.output_type())
            ),
        );
    }
}

fn streaming(side: &str, pair: &Pair<Method>, get: fn(&Method) -> bool, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    if get(prev) != get(cur) {
        let kind = |s| if s { "streaming" } else { "unary" };
        sink.at(
            prev.file,
            cur.file,
            cur.path.clone(),
            format!(
                "{} changed from {side} {} to {side} {}.",
                rpc(cur),
                kind(get(prev)),
                kind(get(cur))
            ),
        );
    }
}

fn rpc_same_client_streaming(_: &Env, pair: &Pair<Method>, sink: &mut Sink) {
    streaming("client", pair, |m| m.desc.client_streaming(), sink);
}

fn rpc_same_server_streaming(_: &Env, pair: &Pair<Method>, sink: &mut Sink) {
    streaming("server", pair, |m| m.desc.server_streaming(), sink);
}

fn idempotency_level(m: &Method) -> &'static str {
    m.desc
        .options
        .as_ref()
        .map_or(
            prost_types::method_options::IdempotencyLevel::IdempotencyUnknown,
            |o| o.idempotency_level(),
        )
        .as_str_name()
}

fn rpc_same_idempotency_level(_: &Env, pair: &Pair<Method>, sink: &mut Sink) {
    let (prev, cur) = (pair.previous, pair.current);
    let (before, now) = (idempotency_level(prev), idempotency_level(cur));
    if before != now {
        // At the option; with no option buf has no location (file level),
        // and no baseline location when the option was unset before.
        at_if_located(
            sink,
            (prev.file, Some(&part(prev, &[4, 34]))),
            cur.file,
            part(cur, &[4, 34]),
            format!(
                "{} changed option \"idempotency_level\" from {} to {}.",
                rpc(cur),
                q(before),
                q(now)
            ),
        );
    }
}
