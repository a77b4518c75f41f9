import SamenspraakCore
import Testing

@Suite struct TrustedProxiesTests {
    @Test func addresses_are_read_strictly() {
        #expect(IPAddress("192.0.2.7")?.bytes == [192, 0, 2, 7])
        #expect(IPAddress("2001:db8::1")?.description == "2001:db8:0:0:0:0:0:1")
        #expect(IPAddress("::1")?.bytes == [UInt8](repeating: 0, count: 15) + [1])
        #expect(IPAddress("::")?.bytes == [UInt8](repeating: 0, count: 16))
        // An IPv4-mapped IPv6 address is the IPv4 address (a server listening on :: sees them).
        #expect(IPAddress("::ffff:192.0.2.7") == IPAddress("192.0.2.7"))
        for bad in ["", "192.0.2", "192.0.2.256", "192.0.2.07", "192.0.2.7:8080", "[::1]", "1::2::3", "12345::", "2001:db8:0:0:0:0:0:0:1",
                    "nginx", "192.0.2.7 ", "١٩٢.0.2.7", "+1::", "::+1"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func ranges_hold_what_their_prefix_says() throws {
        func holds(_ range: String, _ address: String) throws -> Bool {
            try #require(IPRange(range)).contains(try #require(IPAddress(address)))
        }
        #expect(try holds("10.0.0.0/8", "10.255.1.2"))
        #expect(try !holds("10.0.0.0/8", "11.0.0.1"))
        #expect(try holds("192.0.2.128/25", "192.0.2.200"))
        #expect(try !holds("192.0.2.128/25", "192.0.2.127"))
        #expect(try holds("2001:db8::/32", "2001:db8:ffff::9"))
        #expect(try !holds("2001:db8::/32", "2001:db9::1"))
        #expect(try !holds("2001:db8::/32", "10.0.0.1"), "an IPv4 address is in no IPv6 range")
        #expect(try holds("0.0.0.0/0", "203.0.113.9"))
        for bad in ["10.0.0.0/33", "10.0.0.0/", "::/129", "10.0.0.0/8/8", "10.0.0.0/+8"] {
            #expect(IPRange(bad) == nil, "\(bad)")
        }
    }

    @Test func the_client_is_the_nearest_address_that_is_not_a_trusted_proxy() throws {
        let proxies = try TrustedProxies.parse("127.0.0.1, 10.0.0.0/8").get()
        // A connection that is not a proxy: its own address, whatever it says.
        #expect(proxies.client(peer: "198.51.100.7", forwardedFor: ["203.0.113.9"]) == "198.51.100.7")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        // Through the proxy: the address it forwards for.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "203.0.113.9")
        // Through two proxies, the header sent twice or as one list: past both.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9, 10.1.2.3"]) == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9", "10.1.2.3"]) == "203.0.113.9")
        // What the client wrote itself on the left changes nothing.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["192.0.2.1, 203.0.113.9"]) == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["anything, 203.0.113.9"]) == "203.0.113.9")
        // No header, or garbage where the client should be: the nearest proxy's address is all there is.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["unknown, 10.1.2.3"]) == "10.1.2.3")
        #expect(proxies.client(peer: nil, forwardedFor: ["203.0.113.9"]) == nil)
        // Addresses are counted in one spelling.
        #expect(proxies.client(peer: "::ffff:127.0.0.1", forwardedFor: ["2001:DB8::1"]) == "2001:db8:0:0:0:0:0:1")
    }

    @Test func a_list_with_an_unreadable_entry_names_it() {
        #expect(TrustedProxies.parse("") == .success(.none))
        #expect(TrustedProxies.parse("127.0.0.1, nginx, ::1/200") == .failure(.init(entries: ["nginx", "::1/200"])))
    }
}
