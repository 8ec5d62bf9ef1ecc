/** Sources, sinks and record formats, found by name through ServiceLoader (issue: connectors). */
package io.sluice.connectors;
