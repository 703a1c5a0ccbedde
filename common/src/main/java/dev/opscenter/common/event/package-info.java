/** How both services read a stored event back: its payload text, whichever way the event was stored (V24). */
package dev.opscenter.common.event;
