/**
 * The {@code neo4j} store: user profiles in Amundsen's Neo4j graph. The only public type is
 * {@link org.userresolver.neo4j.Neo4jUserStoreFactory}, found by
 * {@link java.util.ServiceLoader} under the name {@code neo4j}, or used directly for explicit
 * wiring.
 */
package org.userresolver.neo4j;
