/**
 * A small SMS provider stand-in for the local stack and tests.
 */
package org.ketaclinic.smssink;
